import { z } from 'zod';
import { id, isoDate } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * The intern's own program has ended and no final outcome is recorded. Published by the durable
 * clock when the program ends and again each day after (`reminder` counts them) until a final
 * outcome is recorded; the primary mentor and the program managers are reminded.
 */
export const FinalOutcomeAwaitedV1 = defineEvent(
  'evaluations',
  'FinalOutcomeAwaited',
  1,
  z.object({
    cohortId: id,
    internId: id,
    mentorId: id.nullable(),
    programEndedOn: isoDate,
    reminder: z.number().int().min(1),
  }),
);
