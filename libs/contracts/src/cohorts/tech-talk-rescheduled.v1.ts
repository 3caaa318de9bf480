import { z } from 'zod';
import { id, isoDateTime } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * A program manager moved a tech talk. RSVPs are kept: `attendeeIds` are the interns who had
 * RSVPed, to be told. `sequence` is the talk's calendar revision (the `.ics` SEQUENCE), raised by
 * every change.
 */
export const TechTalkRescheduledV1 = defineEvent(
  'cohorts',
  'TechTalkRescheduled',
  1,
  z.object({
    talkId: id,
    cohortId: id,
    title: z.string(),
    startsAt: isoDateTime,
    durationMinutes: z.number().int().min(1),
    previousStartsAt: isoDateTime,
    sequence: z.number().int().min(1),
    attendeeIds: z.array(id),
    rescheduledBy: id,
  }),
);
