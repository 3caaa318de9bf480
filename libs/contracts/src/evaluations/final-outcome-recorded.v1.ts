import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';
import { correction } from './correction.js';

/** The final outcome and return-offer recommendation; cohorts completes the enrollment. */
export const FinalOutcomeRecordedV1 = defineEvent(
  'evaluations',
  'FinalOutcomeRecorded',
  1,
  z.object({
    evaluationId: id,
    cohortId: id,
    internId: id,
    mentorId: id,
    outcome: z.enum(['PASS', 'FAIL']),
    returnOffer: z.enum(['STRONG_YES', 'YES', 'NO']),
    ...correction,
  }),
);
