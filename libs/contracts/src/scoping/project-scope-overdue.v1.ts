import { z } from 'zod';
import { id, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** No scope was approved by the end of the intern's scope due week. */
export const ProjectScopeOverdueV1 = defineEvent(
  'scoping',
  'ProjectScopeOverdue',
  1,
  z.object({
    cohortId: id,
    internId: id,
    projectId: id.nullable(),
    dueWeek: week,
  }),
);
