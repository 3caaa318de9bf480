import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A tech talk was put on the cohort's calendar. */
export const TechTalkScheduledV1 = defineEvent(
  'cohorts',
  'TechTalkScheduled',
  1,
  z.object({
    talkId: id,
    cohortId: id,
    title: z.string(),
    speaker: z.string(),
    startsAt: isoDateTime,
    durationMinutes: z.number().int().min(1),
  }),
);
