import { z } from 'zod';
import { id, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * An active intern had no check-in from any of their mentors in the intern's program week that
 * just ended (their last week included). v2: one event per intern and week, naming every mentor
 * who could have logged one (`mentorIds`, the primary first).
 */
export const CheckInMissedV2 = defineEvent(
  'mentors',
  'CheckInMissed',
  2,
  z.object({
    cohortId: id,
    internId: id,
    week,
    mentorIds: z.array(id).min(1),
    primaryMentorId: id.nullable(),
  }),
);
