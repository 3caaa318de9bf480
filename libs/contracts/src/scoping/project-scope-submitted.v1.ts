import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A scope version was submitted for the primary mentor's approval. */
export const ProjectScopeSubmittedV1 = defineEvent(
  'scoping',
  'ProjectScopeSubmitted',
  1,
  z.object({
    projectId: id,
    cohortId: id,
    internId: id,
    version: z.number().int().min(1),
    primaryMentorId: id.nullable(),
  }),
);
