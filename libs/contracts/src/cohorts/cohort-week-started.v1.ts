import { z } from 'zod';
import { cohortPhase, id, isoDate, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A program week began for the cohort (its own calendar, not extended interns'). */
export const CohortWeekStartedV1 = defineEvent(
  'cohorts',
  'CohortWeekStarted',
  1,
  z.object({
    cohortId: id,
    week,
    startsOn: isoDate,
    endsOn: isoDate,
    phase: cohortPhase,
    weeks: z.number().int().min(1),
  }),
);
