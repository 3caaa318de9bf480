import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** The intern completed every onboarding task; the enrollment is ACTIVE. */
export const OnboardingCompletedV1 = defineEvent(
  'cohorts',
  'OnboardingCompleted',
  1,
  z.object({
    enrollmentId: id,
    cohortId: id,
    internId: id,
    completedAt: isoDateTime,
  }),
);
