import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * A program manager recorded what became of an intern's return offer (`recordOfferDecision`):
 * `EXTENDED` (made), then `ACCEPTED` or `DECLINED`. `recommendation` is the final evaluation's
 * return-offer recommendation, null when none was recorded.
 */
export const ReturnOfferDecidedV1 = defineEvent(
  'cohorts',
  'ReturnOfferDecided',
  1,
  z.object({
    enrollmentId: id,
    cohortId: id,
    internId: id,
    status: z.enum(['EXTENDED', 'ACCEPTED', 'DECLINED']),
    recommendation: z.enum(['STRONG_YES', 'YES', 'NO']).nullable(),
    decidedAt: isoDateTime,
    decidedBy: id,
  }),
);
