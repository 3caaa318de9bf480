import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** The primary mentor's midpoint decision; cohorts applies EXTEND and TERMINATE. */
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
  }),
);
