import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { ReportState } from '../../domain/milestone-report.js';
import { MilestoneReportType } from '../../graphql/project.type.js';
import { SubmitMilestoneReportCommand } from './submit-milestone-report.command.js';
import { SubmitMilestoneReportInput } from './submit-milestone-report.input.js';

@Resolver()
export class SubmitMilestoneReportResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => MilestoneReportType, {
    description:
      'The intern reports on a milestone of the scope in force (again after a revision request); flagged late when submitted after its due week',
  })
  @Roles('INTERN')
  submitMilestoneReport(
    @Args('input', { type: () => SubmitMilestoneReportInput }) input: SubmitMilestoneReportInput,
    @CurrentUser() caller: Identity,
  ): Promise<ReportState> {
    const { milestoneId, ...report } = input;
    return this.commands.execute(new SubmitMilestoneReportCommand(milestoneId, report, caller));
  }
}
