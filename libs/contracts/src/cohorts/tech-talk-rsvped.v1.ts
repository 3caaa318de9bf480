import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** An intern said they will attend a talk. */
export const TechTalkRsvpedV1 = defineEvent(
  'cohorts',
  'TechTalkRsvped',
  1,
  z.object({
    talkId: id,
    cohortId: id,
    internId: id,
  }),
);
