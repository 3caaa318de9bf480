import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#auth';
import { LocalDateScalar } from '../../graphql/local-date.scalar.js';
import { ProgramReportRowType } from '../../graphql/program-report.type.js';
import { ProgramReportQuery } from './program-report.query.js';

@Resolver(() => ProgramReportRowType)
export class ProgramReportResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Query(() => [ProgramReportRowType], {
    description:
      'One row per cohort whose program ended between from and to (inclusive): completion, pass rate, offers recommended / extended / accepted, NPS and mentor feedback (program managers).',
  })
  @Roles('PROGRAM_MANAGER')
  programReport(
    @Args('from', { type: () => LocalDateScalar }) from: string,
    @Args('to', { type: () => LocalDateScalar }) to: string,
  ): Promise<ProgramReportRowType[]> {
    return this.queryBus.execute(new ProgramReportQuery(from, to));
  }
}
