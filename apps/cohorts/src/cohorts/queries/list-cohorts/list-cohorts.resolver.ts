import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#auth';
import { PageArgs, type Connection } from '#platform';
import type { CohortSnapshot } from '../../domain/cohort.js';
import { CohortConnection } from '../../../shared/graphql/connections.js';
import { CohortStatus } from '../../../shared/graphql/enums.js';
import { ListCohortsQuery } from './list-cohorts.query.js';

@Resolver()
export class CohortsQueryResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => CohortConnection, { description: 'Cohorts, newest start date first' })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  cohorts(
    @Args('status', { type: () => CohortStatus, nullable: true }) status: CohortStatus | null,
    @Args() page: PageArgs,
  ): Promise<Connection<CohortSnapshot>> {
    return this.queries.execute(new ListCohortsQuery(status, page));
  }
}
