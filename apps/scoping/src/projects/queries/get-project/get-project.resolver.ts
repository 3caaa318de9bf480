import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { ProjectType } from '../../graphql/project.type.js';
import { GetProjectQuery } from './get-project.query.js';

@Resolver()
export class ProjectQueryResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => ProjectType, {
    nullable: true,
    description:
      'A project by id: program managers see every project, mentors their mentees’, interns their own. Null for anything else, exactly as for a missing one.',
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  project(@Args('id', { type: () => ID }) id: string, @CurrentUser() caller: Identity): Promise<ProjectType | null> {
    return this.queries.execute(new GetProjectQuery(id, caller));
  }
}
