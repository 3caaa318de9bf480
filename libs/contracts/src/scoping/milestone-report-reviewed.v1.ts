import { z } from 'zod';
import { id, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** A mentor reviewed a milestone report. */
export const MilestoneReportReviewedV1 = defineEvent(
  'scoping',
  'MilestoneReportReviewed',
  1,
  z.object({
    reportId: id,
    milestoneId: id,
    projectId: id,
    cohortId: id,
    internId: id,
    mentorId: id,
    dueWeek: week,
    decision: z.enum(['ACCEPTED', 'REVISION_REQUESTED']),
  }),
);
