import { Args, Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { emptyConnection, PageArgs, pageRequest, toConnection, type Connection } from '#platform';
import type { EnrollmentSnapshot } from '../domain/enrollment.js';
import { checkTimeCursor, type InternTalk } from '../../shared/persistence/program-read.repository.js';
import { type InternView } from '../../shared/graphql/cohort.loaders.js';
import { EnrollmentType } from './enrollment.type.js';
import { InternTalkAttendanceType, InternTechTalkConnection } from '../../tech-talks/graphql/intern-talks.type.js';
import { InternType } from './intern.type.js';
import { CohortsFieldsResolver } from '../../shared/graphql/cohorts-fields.resolver.js';

const NO_TALKS = emptyConnection<InternTalk>();

/** `Intern.enrollments` and the federation reference resolver other subgraphs extend `Intern` through. */
@Resolver(() => InternType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class InternFieldsResolver extends CohortsFieldsResolver {
  @ResolveField(() => InternTalkAttendanceType, {
    nullable: true,
    description: "The intern's tech-talk attendance across their cohorts (null when not yours to see)",
  })
  async talkAttendance(
    @Parent() intern: InternView,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<InternTalkAttendanceType | null> {
    if (!(await this.loaders.canSeeIntern(ctx, intern.id))) return null;
    return this.program.for(ctx).talkAttendance.load(intern.id);
  }

  @ResolveField(() => InternTechTalkConnection, {
    description: "The talks of the intern's cohorts in start order, with their RSVP and attendance",
  })
  async techTalks(
    @Parent() intern: InternView,
    @Args() page: PageArgs,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Connection<InternTalk>> {
    const { limit, after } = pageRequest(page);
    checkTimeCursor(after);
    if (!(await this.loaders.canSeeIntern(ctx, intern.id))) return NO_TALKS;
    const loaders = this.program.for(ctx);
    const [rows, summary] = await Promise.all([
      loaders.internTalkPage.load({ ownerId: intern.id, limit, after }),
      loaders.talkAttendance.load(intern.id),
    ]);
    return toConnection(
      rows,
      limit,
      summary.talks,
      (r) => ({ sort: r.talk.startsAt.toISOString(), id: r.talk.id }),
      (r) => r,
      !!after,
    );
  }

  @ResolveField(() => Boolean, {
    description:
      'Whether the intern\'s personal data was erased (eraseIntern or the retention policy): name "Erased intern", e-mail `erased-…@erased.invalid`, university empty',
  })
  async erased(@Parent() intern: InternView, @Context() ctx: GraphQLRequestContext): Promise<boolean> {
    return this.loaders.for(ctx).internErased.load(intern.id);
  }

  @ResolveField(() => [EnrollmentType], { description: "The intern's enrollments, oldest first" })
  async enrollments(
    @Parent() intern: InternView,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<EnrollmentSnapshot[]> {
    if (!(await this.loaders.canSeeIntern(ctx, intern.id))) return [];
    return this.loaders.for(ctx).enrollmentsOfIntern.load(intern.id);
  }

  /**
   * Program managers resolve any intern, an intern only themself, a mentor only their mentees;
   * anyone else's is null, exactly like a missing one.
   */
  @ResolveReference()
  async resolveReference(
    @Parent() reference: { id: string },
    @Context() ctx: GraphQLRequestContext,
  ): Promise<InternView | null> {
    if (!(await this.loaders.canSeeIntern(ctx, reference.id))) return null;
    return this.loaders.for(ctx).intern.load(reference.id);
  }
}
