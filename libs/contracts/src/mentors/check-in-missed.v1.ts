import { z } from 'zod';
import { id, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** An active mentor–intern pair had no check-in in the week that just ended. */
export const CheckInMissedV1 = defineEvent(
  'mentors',
  'CheckInMissed',
  1,
  z.object({
    cohortId: id,
    internId: id,
    mentorId: id,
    week,
  }),
);
