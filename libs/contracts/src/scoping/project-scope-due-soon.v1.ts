import { z } from 'zod';
import { id, isoDate, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * Two days before the end of the intern's own scope due week, no scope is approved yet: a
 * reminder for the intern (and the primary mentor when a version awaits their approval).
 * Published once per intern and due date by the durable clock.
 */
export const ProjectScopeDueSoonV1 = defineEvent(
  'scoping',
  'ProjectScopeDueSoon',
  1,
  z.object({
    cohortId: id,
    internId: id,
    projectId: id.nullable(),
    dueWeek: week,
    dueOn: isoDate,
    primaryMentorId: id.nullable(),
    awaitingApproval: z.boolean(),
  }),
);
