import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** The enrollment ended early (a midpoint TERMINATE decision). */
export const InternTerminatedV1 = defineEvent(
  'cohorts',
  'InternTerminated',
  1,
  z.object({
    enrollmentId: id,
    cohortId: id,
    internId: id,
    reason: z.string(),
  }),
);
