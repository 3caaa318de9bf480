import { z } from 'zod';
import { id, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * A scope version was approved and is now the version in force. v2: the approver may be the
 * primary mentor or a program manager (when the intern has no primary mentor, or on their
 * behalf); `mentorId` is the intern's primary mentor at the time, null when there is none.
 */
export const ProjectScopeApprovedV2 = defineEvent(
  'scoping',
  'ProjectScopeApproved',
  2,
  z.object({
    projectId: id,
    cohortId: id,
    internId: id,
    version: z.number().int().min(1),
    mentorId: id.nullable(),
    approvedBy: z.object({ id, role: z.enum(['MENTOR', 'PROGRAM_MANAGER']) }),
    milestones: z.array(z.object({ milestoneId: id, title: z.string(), dueWeek: week })),
  }),
);
