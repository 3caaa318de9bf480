import { z } from 'zod';
import { id, isoDateTime, mentorRole } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A mentor was assigned to an intern. */
export const MentorAssignedV1 = defineEvent(
  'mentors',
  'MentorAssigned',
  1,
  z.object({
    assignmentId: id,
    cohortId: id,
    internId: id,
    mentorId: id,
    role: mentorRole,
    assignedAt: isoDateTime,
  }),
);
