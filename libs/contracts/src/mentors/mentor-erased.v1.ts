import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * A mentor's personal data was erased (`eraseMentor`): their key is destroyed, so their name and
 * e-mail in every event of the log read as erased, and every service removes its own copies.
 * Carries no personal data; assignments, check-ins and feedback counts stay, under "Erased mentor".
 */
export const MentorErasedV1 = defineEvent(
  'mentors',
  'MentorErased',
  1,
  z.object({
    mentorId: id,
    erasedAt: isoDateTime,
    trigger: z.enum(['REQUEST', 'RETENTION_POLICY']),
  }),
);
