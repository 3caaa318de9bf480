import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { InternType } from '../../interns/graphql/intern.type.js';
import { MentorLoaders } from '../../mentors/graphql/mentor.loaders.js';
import { MentorType } from '../../mentors/graphql/mentor.type.js';
import { MentorAssignmentType } from './mentor-assignment.type.js';

/**
 * The intern and mentor of an assignment. An assignment is only ever handed to callers allowed
 * to see it (the program manager who changed it, or through `Intern.mentorAssignments`, which
 * checks), so these fields need no further check; Mentor.email keeps its own rule.
 */
@Resolver(() => MentorAssignmentType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class MentorAssignmentResolver {
  constructor(private readonly mentors: MentorLoaders) {}

  @ResolveField('intern', () => InternType)
  intern(@Parent() assignment: MentorAssignmentType): InternType {
    return InternType.ref(assignment.internId);
  }

  @ResolveField('mentor', () => MentorType, { nullable: true })
  async mentor(
    @Parent() assignment: MentorAssignmentType,
    @Context() context: GraphQLRequestContext,
  ): Promise<MentorType | null> {
    const mentor = await this.mentors.byId(context).load(assignment.mentorId);
    return mentor ? MentorType.from(mentor) : null;
  }
}
