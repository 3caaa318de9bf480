import { Context, Int, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { AssignmentLoaders } from '../../assignments/graphql/assignment.loaders.js';
import { requireIdentity } from '../../graphql/request-context.js';
import { canSeeMentorEmail, needsCallersMentees, visibleMentees } from '../../graphql/visibility.js';
import { InternType } from '../../interns/graphql/intern.type.js';
import { MentorLoaders } from './mentor.loaders.js';
import { MentorType } from './mentor.type.js';

/** Fields of Mentor that depend on the caller or on other tables, and Mentor as a federation entity. */
@Resolver(() => MentorType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class MentorResolver {
  constructor(
    private readonly mentors: MentorLoaders,
    private readonly assignments: AssignmentLoaders,
  ) {}

  /** Apollo calls this as (reference, context, info): no parameter decorators here. */
  @ResolveReference()
  async resolveReference(
    reference: { __typename: string; id: string },
    context: GraphQLRequestContext,
  ): Promise<MentorType | null> {
    requireIdentity(context);
    const mentor = await this.mentors.byId(context).load(reference.id);
    return mentor ? MentorType.from(mentor) : null;
  }

  @ResolveField('email', () => String, { nullable: true })
  email(@Parent() mentor: MentorType, @Context() context: GraphQLRequestContext): string | null {
    return canSeeMentorEmail(context?.identity) ? mentor.email : null;
  }

  @ResolveField('mentees', () => [InternType], {
    description:
      'Interns this mentor is assigned to: all of them for program managers and the mentor; another mentor sees their own mentees among them; an intern only themself.',
  })
  async mentees(@Parent() mentor: MentorType, @Context() context: GraphQLRequestContext): Promise<InternType[]> {
    const active = await this.assignments.byMentor(context).load(mentor.id);
    const internIds = [...new Set(active.map((a) => a.internId))];
    const caller = context?.identity;
    const callersOwn = needsCallersMentees(caller, mentor.id)
      ? (await this.assignments.byMentor(context).load(caller.sub)).map((a) => a.internId)
      : [];
    return visibleMentees(caller, mentor.id, internIds, callersOwn).map((id) => InternType.ref(id));
  }

  @ResolveField('placesLeft', () => Int, {
    description: 'Interns the mentor can still take: capacity minus active assignments (any role, any cohort).',
  })
  async placesLeft(@Parent() mentor: MentorType, @Context() context: GraphQLRequestContext): Promise<number> {
    const active = await this.assignments.byMentor(context).load(mentor.id);
    return Math.max(0, mentor.capacity - active.length);
  }
}
