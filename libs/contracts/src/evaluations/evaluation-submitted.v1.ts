import { z } from 'zod';
import { evaluationCycle, id } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { correction } from './correction.js';

/** A mentor or self evaluation was submitted (private comments never leave the service). */
export const EvaluationSubmittedV1 = defineEvent(
  'evaluations',
  'EvaluationSubmitted',
  1,
  z.object({
    evaluationId: id,
    cohortId: id,
    internId: id,
    authorId: id,
    kind: z.enum(['MENTOR', 'SELF']),
    cycle: evaluationCycle,
    averageScore: z.number().min(1).max(5),
    ...correction,
  }),
);
