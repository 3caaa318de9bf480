import { z } from 'zod';
import { id, isoDateTime, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** An intern submitted a milestone report. */
export const MilestoneReportSubmittedV1 = defineEvent(
  'scoping',
  'MilestoneReportSubmitted',
  1,
  z.object({
    reportId: id,
    milestoneId: id,
    projectId: id,
    cohortId: id,
    internId: id,
    dueWeek: week,
    late: z.boolean(),
    submittedAt: isoDateTime,
  }),
);
