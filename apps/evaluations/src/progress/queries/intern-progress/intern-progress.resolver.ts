import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Connection, Identity } from '#platform';
import { InternProgressConnection, InternProgressType } from '../../graphql/intern-progress.type.js';
import { InternProgressArgs } from './intern-progress.args.js';
import { InternProgressQuery } from './intern-progress.query.js';

@Resolver(() => InternProgressType)
export class InternProgressResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Query(() => InternProgressConnection, {
    description:
      'Interns’ progress and risk, by name: every intern for program managers, their mentees for mentors, themself for an intern.',
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  internProgress(
    @Args() args: InternProgressArgs,
    @CurrentUser() caller: Identity,
  ): Promise<Connection<InternProgressType>> {
    return this.queryBus.execute(
      new InternProgressQuery(caller, args.cohortId, args.riskLevel, { first: args.first, after: args.after }),
    );
  }
}
