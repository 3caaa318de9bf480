import { Context, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { AssignmentLoaders } from '../../assignments/graphql/assignment.loaders.js';
import { requireIdentity } from '../../graphql/request-context.js';
import { canSeeIntern, isProgramManager } from '../../graphql/visibility.js';
import { MentorLoaders } from '../../mentors/graphql/mentor.loaders.js';
import { MentorType } from '../../mentors/graphql/mentor.type.js';
import { InternProfileLoaders } from './intern-profile.loaders.js';
import { InternMentoringProfile, InternType } from './intern.type.js';

/** The mentoring fields this service adds to the Intern entity owned by the cohorts service. */
@Resolver(() => InternType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class InternResolver {
  constructor(
    private readonly profiles: InternProfileLoaders,
    private readonly assignments: AssignmentLoaders,
    private readonly mentors: MentorLoaders,
  ) {}

  /** Apollo calls this as (reference, context, info): no parameter decorators here. */
  @ResolveReference()
  resolveReference(reference: { __typename: string; id: string }, context: GraphQLRequestContext): InternType {
    requireIdentity(context);
    return InternType.ref(reference.id);
  }

  @ResolveField('mentoringProfile', () => InternMentoringProfile, {
    nullable: true,
    description: 'null until this service has consumed the intern’s enrollment (or when the caller may not see it).',
  })
  async mentoringProfile(
    @Parent() intern: InternType,
    @Context() context: GraphQLRequestContext,
  ): Promise<InternMentoringProfile | null> {
    if (!(await this.visible(intern.id, context))) return null;
    const row = await this.profiles.latestByIntern(context).load(intern.id);
    if (!row) return null;
    return {
      cohortId: row.cohortId,
      focusAreas: row.focusAreas,
      timezone: row.timezone,
      enrolledAt: row.enrolledAt,
      knownSince: row.knownSince,
    };
  }

  @ResolveField('mentors', () => [MentorType], {
    description: 'The intern’s active mentors, primary first; empty until mentors are assigned.',
  })
  async internMentors(@Parent() intern: InternType, @Context() context: GraphQLRequestContext): Promise<MentorType[]> {
    const active = await this.assignments.byIntern(context).load(intern.id);
    const mentorIds = [...new Set(active.map((a) => a.mentorId))];
    if (!canSeeIntern(context?.identity, intern.id, mentorIds)) return [];
    const mentors = await this.mentors.byId(context).loadMany(mentorIds);
    return mentors.flatMap((m) => (m && !(m instanceof Error) ? [MentorType.from(m)] : []));
  }

  /** Program managers and the intern themself see it at once; a mentor only if they mentor the intern. */
  private async visible(internId: string, context: GraphQLRequestContext): Promise<boolean> {
    const caller = context?.identity;
    if (!caller) return false;
    if (isProgramManager(caller) || caller.sub === internId) return true;
    const active = await this.assignments.byIntern(context).load(internId);
    return canSeeIntern(
      caller,
      internId,
      active.map((a) => a.mentorId),
    );
  }
}
