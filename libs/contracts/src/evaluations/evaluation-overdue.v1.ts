import { z } from 'zod';
import { evaluationCycle, id, isoDate, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * An intern's evaluation window closed with evaluations missing: `missing` names them (the
 * primary mentor's evaluation, the intern's self-evaluation). Published when the cohort clock
 * leaves the window's week.
 */
export const EvaluationOverdueV1 = defineEvent(
  'evaluations',
  'EvaluationOverdue',
  1,
  z.object({
    cohortId: id,
    internId: id,
    cycle: evaluationCycle,
    week,
    endsOn: isoDate.nullable(),
    mentorId: id.nullable(),
    missing: z.array(z.enum(['MENTOR', 'SELF'])).min(1),
  }),
);
