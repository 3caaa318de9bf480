import { z } from 'zod';
import { id, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A milestone had no accepted report by the end of its (the intern's own) due week. */
export const MilestoneOverdueV1 = defineEvent(
  'scoping',
  'MilestoneOverdue',
  1,
  z.object({
    milestoneId: id,
    projectId: id,
    cohortId: id,
    internId: id,
    dueWeek: week,
  }),
);
