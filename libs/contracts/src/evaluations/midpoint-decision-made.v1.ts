import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { correction } from './correction.js';

/**
 * The primary mentor's midpoint decision (or a program manager's on their behalf); cohorts applies
 * EXTEND and TERMINATE. A correction is published again with the same `evaluationId` and a higher
 * `revision`: cohorts then undoes what the superseded decision did (an extension is revoked).
 */
export const MidpointDecisionMadeV1 = defineEvent(
  'evaluations',
  'MidpointDecisionMade',
  1,
  z.object({
    evaluationId: id,
    cohortId: id,
    internId: id,
    mentorId: id,
    decision: z.enum(['CONTINUE', 'EXTEND', 'TERMINATE']),
    extensionWeeks: z.number().int().min(1).max(5).nullable(),
    ...correction,
  }),
);
