import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * A program manager closed a presentation slot. When an intern had booked it, `bookedInternId`
 * names them: their booking is released and they may book another slot.
 */
export const PresentationSlotClosedV1 = defineEvent(
  'cohorts',
  'PresentationSlotClosed',
  1,
  z.object({
    slotId: id,
    cohortId: id,
    startsAt: isoDateTime,
    reason: z.string().min(1),
    bookedInternId: id.nullable(),
    panelMentorIds: z.array(id),
    closedBy: id,
  }),
);
