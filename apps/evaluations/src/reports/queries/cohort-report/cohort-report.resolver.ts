import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#auth';
import { CohortReportType } from '../../graphql/cohort-report.type.js';
import { CohortReportQuery } from './cohort-report.query.js';

@Resolver(() => CohortReportType)
export class CohortReportResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Query(() => CohortReportType, {
    description:
      'Completion and pass rates, return offers, rubric averages, mentor calibration, program NPS, check-in and on-time report rates (program managers).',
  })
  @Roles('PROGRAM_MANAGER')
  cohortReport(@Args('cohortId', { type: () => ID }) cohortId: string): Promise<CohortReportType> {
    return this.queryBus.execute(new CohortReportQuery(cohortId));
  }
}
