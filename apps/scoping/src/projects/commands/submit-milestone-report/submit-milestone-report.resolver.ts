import { commandMutation } from '#platform';
import { MilestoneReportType } from '../../graphql/project.type.js';
import { SubmitMilestoneReportCommand } from './submit-milestone-report.command.js';
import { SubmitMilestoneReportInput } from './submit-milestone-report.input.js';

export const SubmitMilestoneReportResolver = commandMutation(SubmitMilestoneReportInput, () => MilestoneReportType, {
  roles: ['INTERN'],
  description:
    'The intern reports on a milestone of the scope in force (again after a revision request); flagged late when submitted after its due week',
  command: ({ milestoneId, ...report }, caller) => new SubmitMilestoneReportCommand(milestoneId, report, caller),
});
