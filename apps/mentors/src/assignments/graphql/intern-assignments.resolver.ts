import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { canSeeIntern } from '../../graphql/visibility.js';
import { InternType } from '../../interns/graphql/intern.type.js';
import { AssignmentLoaders } from './assignment.loaders.js';
import { MentorAssignmentType } from './mentor-assignment.type.js';

/** `Intern.mentorAssignments`: who mentors the intern in which role (Intern.mentors without roles). */
@Resolver(() => InternType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class InternAssignmentsResolver {
  constructor(private readonly assignments: AssignmentLoaders) {}

  @ResolveField('mentorAssignments', () => [MentorAssignmentType], {
    description:
      'The intern’s active assignments, primary first; for program managers, the intern and the intern’s mentors (empty for anyone else).',
  })
  async mentorAssignments(
    @Parent() intern: InternType,
    @Context() context: GraphQLRequestContext,
  ): Promise<MentorAssignmentType[]> {
    const active = await this.assignments.byIntern(context).load(intern.id);
    if (
      !canSeeIntern(
        context?.identity,
        intern.id,
        active.map((a) => a.mentorId),
      )
    )
      return [];
    return active.map((a) => MentorAssignmentType.from(a));
  }
}
