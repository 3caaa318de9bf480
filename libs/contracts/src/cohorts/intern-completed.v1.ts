import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** The intern finished the program with a final outcome. */
export const InternCompletedV1 = defineEvent(
  'cohorts',
  'InternCompleted',
  1,
  z.object({
    enrollmentId: id,
    cohortId: id,
    internId: id,
    outcome: z.enum(['PASS', 'FAIL']),
  }),
);
