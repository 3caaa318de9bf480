import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#auth';
import type { Connection } from '#platform';
import { MentorConnection, MentorType } from '../../graphql/mentor.type.js';
import { MentorsArgs } from './list-mentors.args.js';
import { ListMentorsQuery } from './list-mentors.query.js';

@Resolver(() => MentorType)
export class ListMentorsResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Query(() => MentorConnection, { description: 'Mentors by name; with cohortId, those available for that cohort.' })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  mentors(@Args() args: MentorsArgs): Promise<Connection<MentorType>> {
    return this.queryBus.execute(new ListMentorsQuery(args.cohortId, { first: args.first, after: args.after }));
  }
}
