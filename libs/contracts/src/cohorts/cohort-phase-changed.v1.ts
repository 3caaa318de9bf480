import { z } from 'zod';
import { cohortPhase, id, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** The cohort entered a new phase of the program. */
export const CohortPhaseChangedV1 = defineEvent(
  'cohorts',
  'CohortPhaseChanged',
  1,
  z.object({
    cohortId: id,
    phase: cohortPhase,
    previousPhase: cohortPhase.nullable(),
    week,
  }),
);
