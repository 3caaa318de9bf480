import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { InternView } from '../../../shared/graphql/cohort.loaders.js';
import { InternType } from '../../graphql/intern.type.js';
import { GetInternQuery } from './get-intern.query.js';

@Resolver()
export class InternQueryResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => InternType, {
    nullable: true,
    description: 'An intern by id (their `sub`); an intern may read only their own',
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  intern(@Args('id', { type: () => ID }) id: string, @CurrentUser() caller: Identity): Promise<InternView | null> {
    return this.queries.execute(new GetInternQuery(id, caller));
  }
}
