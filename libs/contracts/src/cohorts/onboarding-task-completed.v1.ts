import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** The intern completed one onboarding task. */
export const OnboardingTaskCompletedV1 = defineEvent(
  'cohorts',
  'OnboardingTaskCompleted',
  1,
  z.object({
    enrollmentId: id,
    cohortId: id,
    internId: id,
    taskId: id,
    title: z.string(),
    completedAt: isoDateTime,
  }),
);
