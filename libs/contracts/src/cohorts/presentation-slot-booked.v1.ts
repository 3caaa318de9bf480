import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** An intern booked a presentation slot. */
export const PresentationSlotBookedV1 = defineEvent(
  'cohorts',
  'PresentationSlotBooked',
  1,
  z.object({
    slotId: id,
    cohortId: id,
    internId: id,
    startsAt: isoDateTime,
    panelMentorIds: z.array(id).min(1),
  }),
);
