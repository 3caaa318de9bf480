import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * An intern's personal data was erased (`eraseIntern`, or the retention policy once their cohort
 * ended long enough ago): their key is destroyed, so their name, e-mail and university in every
 * event of the log read as erased, and every service removes its own copies. Carries no personal
 * data; counts and outcomes stay, under "Erased intern".
 */
export const InternErasedV1 = defineEvent(
  'cohorts',
  'InternErased',
  1,
  z.object({
    internId: id,
    cohortIds: z.array(id),
    erasedAt: isoDateTime,
    trigger: z.enum(['REQUEST', 'RETENTION_POLICY']),
  }),
);
