import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * Changes were asked for on a submitted scope. v2: by the primary mentor or a program manager;
 * `mentorId` is the intern's primary mentor at the time, null when there is none.
 */
export const ProjectScopeChangesRequestedV2 = defineEvent(
  'scoping',
  'ProjectScopeChangesRequested',
  2,
  z.object({
    projectId: id,
    cohortId: id,
    internId: id,
    version: z.number().int().min(1),
    mentorId: id.nullable(),
    requestedBy: z.object({ id, role: z.enum(['MENTOR', 'PROGRAM_MANAGER']) }),
    feedback: z.string(),
  }),
);
