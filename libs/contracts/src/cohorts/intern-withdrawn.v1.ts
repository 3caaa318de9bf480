import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A program manager withdrew the intern from the cohort. */
export const InternWithdrawnV1 = defineEvent(
  'cohorts',
  'InternWithdrawn',
  1,
  z.object({
    enrollmentId: id,
    cohortId: id,
    internId: id,
    reason: z.string(),
    withdrawnBy: id,
  }),
);
