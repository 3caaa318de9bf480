import { z } from 'zod';
import { id, isoDate, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** The cohort's first Monday arrived (local midnight in its timezone). */
export const CohortStartedV1 = defineEvent(
  'cohorts',
  'CohortStarted',
  1,
  z.object({
    cohortId: id,
    startDate: isoDate,
    weeks: z.number().int().min(1),
    timezone: z.string().min(1),
    startedAt: isoDateTime,
  }),
);
