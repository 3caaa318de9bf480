import { z } from 'zod';
import { id, isoDate, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * Two days before the end of a milestone's due week (the intern's own calendar), no report for it
 * is accepted yet: a reminder for the intern, and for the mentors when a report awaits review.
 * Published once per milestone and due date by the durable clock.
 */
export const MilestoneDueSoonV1 = defineEvent(
  'scoping',
  'MilestoneDueSoon',
  1,
  z.object({
    milestoneId: id,
    projectId: id,
    cohortId: id,
    internId: id,
    title: z.string(),
    dueWeek: week,
    dueOn: isoDate,
    awaitingReview: z.boolean(),
  }),
);
