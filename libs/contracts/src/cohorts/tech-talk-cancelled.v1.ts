import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A program manager cancelled a tech talk; `attendeeIds`, the interns who had RSVPed, are told. */
export const TechTalkCancelledV1 = defineEvent(
  'cohorts',
  'TechTalkCancelled',
  1,
  z.object({
    talkId: id,
    cohortId: id,
    title: z.string(),
    startsAt: isoDateTime,
    reason: z.string().min(1),
    sequence: z.number().int().min(1),
    attendeeIds: z.array(id),
    cancelledBy: id,
  }),
);
