import { z } from 'zod';
import { id, mentorRole } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A mentor's assignment to an intern ended. */
export const MentorUnassignedV1 = defineEvent(
  'mentors',
  'MentorUnassigned',
  1,
  z.object({
    assignmentId: id,
    cohortId: id,
    internId: id,
    mentorId: id,
    role: mentorRole,
    reason: z.string(),
  }),
);
