import { z } from 'zod';
import { id, isoDate, workMode } from '../common.js';
import { defineEvent } from '../event-contract.js';

export const CohortScheduledV1 = defineEvent(
  'cohorts',
  'CohortScheduled',
  1,
  z.object({
    cohortId: id,
    name: z.string().min(1),
    startDate: isoDate,
    weeks: z.number().int().min(1),
    timezone: z.string().min(1),
    location: z.string(),
    workMode,
    capacity: z.number().int().min(1),
    scheduledBy: id,
  }),
);
