import { commandMutation } from '#platform';
import { MilestoneReportType } from '../../graphql/project.type.js';
import { ReviewMilestoneReportCommand } from './review-milestone-report.command.js';
import { ReviewMilestoneReportInput } from './review-milestone-report.input.js';

export const ReviewMilestoneReportResolver = commandMutation(ReviewMilestoneReportInput, () => MilestoneReportType, {
  roles: ['MENTOR'],
  description:
    'A mentor of the intern reviews a submitted milestone report: ACCEPTED, or REVISION_REQUESTED with feedback',
  command: (input, caller) => new ReviewMilestoneReportCommand(input.reportId, input.decision, input.feedback, caller),
});
