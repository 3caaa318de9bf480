import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * A program manager reinstated a withdrawn intern of a cohort still in progress: the enrollment is
 * `ACTIVE` again, and every service treats the intern as it did before `InternWithdrawn`
 * (mentors, scoping, evaluations and notifications).
 */
export const InternReinstatedV1 = defineEvent(
  'cohorts',
  'InternReinstated',
  1,
  z.object({
    enrollmentId: id,
    cohortId: id,
    internId: id,
    reason: z.string().min(1),
    reinstatedBy: id,
  }),
);
