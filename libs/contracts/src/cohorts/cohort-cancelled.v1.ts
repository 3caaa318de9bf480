import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

export const CohortCancelledV1 = defineEvent(
  'cohorts',
  'CohortCancelled',
  1,
  z.object({ cohortId: id, reason: z.string().nullable(), cancelledBy: id }),
);
