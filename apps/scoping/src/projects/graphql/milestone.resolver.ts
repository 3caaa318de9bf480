import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import type { ReportState } from '../domain/milestone-report.js';
import { MilestoneStatus, milestoneStatus } from '../domain/milestone-status.js';
import { MilestoneReportType, MilestoneType } from './project.type.js';
import { ScopingLoaders } from './scoping.loaders.js';
import { weekEnd } from './views.js';

/** Milestone.reports and status: reached only through a Project the caller may see. */
@Resolver(() => MilestoneType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class MilestoneFieldsResolver {
  constructor(private readonly loaders: ScopingLoaders) {}

  @ResolveField(() => [MilestoneReportType], { description: 'Every report on the milestone, oldest attempt first' })
  reports(@Parent() milestone: MilestoneType, @Context() context: GraphQLRequestContext): Promise<ReportState[]> {
    return this.loaders.for(context).reports.load(milestone.id);
  }

  @ResolveField(() => MilestoneStatus)
  async status(
    @Parent() milestone: MilestoneType,
    @Context() context: GraphQLRequestContext,
  ): Promise<MilestoneStatus> {
    return milestoneStatus(await this.loaders.for(context).reports.load(milestone.id));
  }

  @ResolveField(() => Boolean, { description: 'Its due week is over and it has no accepted report' })
  async overdue(@Parent() milestone: MilestoneType, @Context() context: GraphQLRequestContext): Promise<boolean> {
    const loaders = this.loaders.for(context);
    const [program, reports] = await Promise.all([
      loaders.program.load({ internId: milestone.internId, cohortId: milestone.cohortId }),
      loaders.reports.load(milestone.id),
    ]);
    return (
      (program?.cohort.currentWeek ?? 0) > milestone.dueWeek && milestoneStatus(reports) !== MilestoneStatus.ACCEPTED
    );
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The last day of its due week (YYYY-MM-DD, cohort timezone)',
  })
  async dueDate(@Parent() milestone: MilestoneType, @Context() context: GraphQLRequestContext): Promise<string | null> {
    const program = await this.loaders
      .for(context)
      .program.load({ internId: milestone.internId, cohortId: milestone.cohortId });
    return weekEnd(program, milestone.dueWeek);
  }
}
