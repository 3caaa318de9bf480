import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** The cohort's last week ended. */
export const CohortCompletedV1 = defineEvent(
  'cohorts',
  'CohortCompleted',
  1,
  z.object({
    cohortId: id,
    completedAt: isoDateTime,
    weeks: z.number().int().min(1),
  }),
);
