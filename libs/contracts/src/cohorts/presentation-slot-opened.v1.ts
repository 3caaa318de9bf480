import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A final-presentation slot was opened with its panel. */
export const PresentationSlotOpenedV1 = defineEvent(
  'cohorts',
  'PresentationSlotOpened',
  1,
  z.object({
    slotId: id,
    cohortId: id,
    startsAt: isoDateTime,
    durationMinutes: z.number().int().min(1),
    panelMentorIds: z.array(id).min(1),
  }),
);
