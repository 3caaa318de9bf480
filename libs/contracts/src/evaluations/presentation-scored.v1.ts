import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A panel mentor scored an intern's final presentation. */
export const PresentationScoredV1 = defineEvent(
  'evaluations',
  'PresentationScored',
  1,
  z.object({
    slotId: id,
    cohortId: id,
    internId: id,
    mentorId: id,
    averageScore: z.number().min(1).max(5),
  }),
);
