import { z } from 'zod';
import { id, isoDate, workMode } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * A program manager changed a cohort (`updateCohort`). The data is the whole cohort as it now
 * stands, so a consumer replaces its copy; `changed` names the fields that differ from before.
 * `startDate`, `weeks` and `timezone` change only while the cohort is `SCHEDULED`: every service
 * that derives dates or deadlines from them recomputes them.
 */
export const CohortUpdatedV1 = defineEvent(
  'cohorts',
  'CohortUpdated',
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
    changed: z
      .array(z.enum(['name', 'startDate', 'weeks', 'timezone', 'location', 'workMode', 'capacity']))
      .min(1),
    updatedBy: id,
  }),
);
