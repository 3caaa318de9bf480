import { z } from 'zod';
import { id, isoDate, progress } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A mentor logged a check-in (notes stay in the mentors service; private notes never leave it). */
export const CheckInLoggedV1 = defineEvent(
  'mentors',
  'CheckInLogged',
  1,
  z.object({
    checkInId: id,
    cohortId: id,
    internId: id,
    mentorId: id,
    occurredOn: isoDate,
    week: z.number().int().min(1).nullable(),
    durationMinutes: z.number().int().min(1),
    format: z.string(),
    progress,
    blockerCount: z.number().int().min(0),
  }),
);
