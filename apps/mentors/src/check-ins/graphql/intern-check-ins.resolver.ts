import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { ValidationError } from '#ddd';
import { PageArgs, pageRequest, toConnection, type Connection } from '#platform';
import { AssignmentLoaders } from '../../assignments/graphql/assignment.loaders.js';
import type { MentorRole } from '../../assignments/graphql/mentor-role.enum.js';
import { canSeeIntern } from '../../graphql/visibility.js';
import { InternType } from '../../interns/graphql/intern.type.js';
import { MentorLoaders } from '../../mentors/graphql/mentor.loaders.js';
import { MentorType } from '../../mentors/graphql/mentor.type.js';
import { checkInCursorKey } from '../persistence/check-in.repository.js';
import type { CheckInWeekStateEnum } from './check-in.enums.js';
import { CheckInLoaders } from './check-in.loaders.js';
import { CheckInConnection, CheckInType, CheckInWeekStatusType } from './check-in.type.js';

const EMPTY: Connection<CheckInType> = {
  edges: [],
  totalCount: 0,
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

/**
 * `Intern.checkIns` and `Intern.checkInStatus`: for program managers, the intern themself and the
 * intern's current mentors (a relationship: checked here, not by the role guard). Private notes
 * are filtered per check-in by CheckInResolver.
 */
@Resolver(() => InternType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class InternCheckInsResolver {
  constructor(
    private readonly loaders: CheckInLoaders,
    private readonly assignments: AssignmentLoaders,
    private readonly mentors: MentorLoaders,
  ) {}

  @ResolveField('checkIns', () => CheckInConnection, {
    description: 'The intern’s check-ins, newest first (empty for callers who may not see them).',
  })
  async checkIns(
    @Parent() intern: InternType,
    @Args() page: PageArgs,
    @Context() context: GraphQLRequestContext,
  ): Promise<Connection<CheckInType>> {
    const { limit, after } = pageRequest(page);
    if (!(await this.visible(intern.id, context))) return EMPTY;
    const result = await this.loaders.pages(context, limit, after).load(intern.id);
    return toConnection(result.rows, limit, result.totalCount, checkInCursorKey, (r) => CheckInType.from(r), !!after);
  }

  @ResolveField('checkInStatus', () => CheckInWeekStatusType, {
    nullable: true,
    description:
      'Where the intern stands for one program week; null until this service knows the intern (or for callers who may not see them).',
  })
  async checkInStatus(
    @Parent() intern: InternType,
    @Args('week', { type: () => Int }) week: number,
    @Context() context: GraphQLRequestContext,
  ): Promise<CheckInWeekStatusType | null> {
    if (!Number.isInteger(week) || week < 1) throw ValidationError.field('week', 'must be a program week, 1 or more');
    if (!(await this.visible(intern.id, context))) return null;
    const status = await this.loaders.weekStatus(context).load(CheckInLoaders.key(intern.id, week));
    if (!status) return null;
    if (status.lastWeek !== null && week > status.lastWeek) {
      throw ValidationError.field('week', `must be a week of the intern’s program, 1 to ${status.lastWeek}`);
    }
    const mentors = await this.mentors.byId(context).loadMany(status.mentors.map((m) => m.mentorId));
    const t = new CheckInWeekStatusType();
    t.week = status.week;
    t.startsOn = status.startsOn;
    t.endsOn = status.endsOn;
    t.state = status.state as CheckInWeekStateEnum;
    t.checkIns = status.checkIns.map((c) => CheckInType.from(c));
    t.mentors = status.mentors.map((m, i) => {
      const mentor = mentors[i];
      return {
        mentorId: m.mentorId,
        mentor: mentor && !(mentor instanceof Error) ? MentorType.from(mentor) : null,
        role: m.role as MentorRole | null,
        state: m.state as CheckInWeekStateEnum,
      };
    });
    return t;
  }

  private async visible(internId: string, context: GraphQLRequestContext): Promise<boolean> {
    const active = await this.assignments.byIntern(context).load(internId);
    return canSeeIntern(
      context?.identity,
      internId,
      active.map((a) => a.mentorId),
    );
  }
}
