import { z } from 'zod';
import { id, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** The primary mentor approved a scope version; it is now the version in force. */
export const ProjectScopeApprovedV1 = defineEvent(
  'scoping',
  'ProjectScopeApproved',
  1,
  z.object({
    projectId: id,
    cohortId: id,
    internId: id,
    version: z.number().int().min(1),
    mentorId: id,
    milestones: z.array(z.object({ milestoneId: id, title: z.string(), dueWeek: week })),
  }),
);
