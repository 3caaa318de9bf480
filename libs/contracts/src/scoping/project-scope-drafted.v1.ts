import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** An intern drafted a project scope (or a new version of it). */
export const ProjectScopeDraftedV1 = defineEvent(
  'scoping',
  'ProjectScopeDrafted',
  1,
  z.object({
    projectId: id,
    cohortId: id,
    internId: id,
    version: z.number().int().min(1),
    title: z.string(),
  }),
);
