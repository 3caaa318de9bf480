import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#auth';
import type { CohortSnapshot } from '../../domain/cohort.js';
import { CohortType } from '../../graphql/cohort.type.js';
import { GetCohortQuery } from './get-cohort.query.js';

@Resolver()
export class CohortQueryResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => CohortType, { nullable: true, description: 'A cohort with its calendar; null when there is none' })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  cohort(@Args('id', { type: () => ID }) id: string): Promise<CohortSnapshot | null> {
    return this.queries.execute(new GetCohortQuery(id));
  }
}
