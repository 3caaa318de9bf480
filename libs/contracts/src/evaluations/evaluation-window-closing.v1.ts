import { z } from 'zod';
import { evaluationCycle, id, isoDate } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * Two days before an intern's own evaluation window closes, evaluations are still missing:
 * `missing` names them (the primary mentor's, the intern's self-evaluation); each of those people
 * is reminded. Published once per intern, cycle and closing date by the durable clock.
 */
export const EvaluationWindowClosingV1 = defineEvent(
  'evaluations',
  'EvaluationWindowClosing',
  1,
  z.object({
    cohortId: id,
    internId: id,
    cycle: evaluationCycle,
    closesOn: isoDate,
    mentorId: id.nullable(),
    missing: z.array(z.enum(['MENTOR', 'SELF'])).min(1),
  }),
);
