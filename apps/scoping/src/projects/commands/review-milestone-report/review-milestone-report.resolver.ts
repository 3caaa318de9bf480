import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { ReportState } from '../../domain/milestone-report.js';
import { MilestoneReportType } from '../../graphql/project.type.js';
import { ReviewMilestoneReportCommand } from './review-milestone-report.command.js';
import { ReviewMilestoneReportInput } from './review-milestone-report.input.js';

@Resolver()
export class ReviewMilestoneReportResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => MilestoneReportType, {
    description:
      'A mentor of the intern reviews a submitted milestone report: ACCEPTED, or REVISION_REQUESTED with feedback',
  })
  @Roles('MENTOR')
  reviewMilestoneReport(
    @Args('input', { type: () => ReviewMilestoneReportInput }) input: ReviewMilestoneReportInput,
    @CurrentUser() caller: Identity,
  ): Promise<ReportState> {
    return this.commands.execute(
      new ReviewMilestoneReportCommand(input.reportId, input.decision, input.feedback, caller),
    );
  }
}
