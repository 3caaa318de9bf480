import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** The primary mentor asked for changes to a submitted scope. */
export const ProjectScopeChangesRequestedV1 = defineEvent(
  'scoping',
  'ProjectScopeChangesRequested',
  1,
  z.object({
    projectId: id,
    cohortId: id,
    internId: id,
    version: z.number().int().min(1),
    mentorId: id,
    feedback: z.string(),
  }),
);
