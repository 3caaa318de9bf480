import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#auth';
import { MentorType } from '../../graphql/mentor.type.js';
import { GetMentorQuery } from './get-mentor.query.js';

@Resolver(() => MentorType)
export class GetMentorResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Query(() => MentorType, { nullable: true, description: 'A mentor by id; null when there is none.' })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  mentor(@Args('id', { type: () => ID }) id: string): Promise<MentorType | null> {
    return this.queryBus.execute(new GetMentorQuery(id));
  }
}
