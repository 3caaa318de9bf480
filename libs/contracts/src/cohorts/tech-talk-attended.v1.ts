import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** An intern was recorded as present at a talk. */
export const TechTalkAttendedV1 = defineEvent(
  'cohorts',
  'TechTalkAttended',
  1,
  z.object({
    talkId: id,
    cohortId: id,
    internId: id,
  }),
);
