import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { PageArgs, pageRequest, toConnection, type Connection } from '#platform';
import type { PresentationSlotSnapshot } from '../domain/presentation-slot.js';
import type { TechTalkSnapshot } from '../domain/tech-talk.js';
import { checkTimeCursor } from '../persistence/program-read.repository.js';
import { CohortCalendarType } from './calendar.type.js';
import type { CohortCalendarView } from './cohort.resolver.js';
import { PresentationSlotConnection, TechTalkConnection } from './connections.js';
import { ProgramLoaders } from './program-loaders.js';
import { canReadCohorts } from './visibility.js';

const EMPTY = {
  edges: [],
  totalCount: 0,
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

/** `CohortCalendar.techTalks` and `CohortCalendar.presentationSlots`, in start order, batched per request. */
@Resolver(() => CohortCalendarType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class CohortCalendarFieldsResolver {
  constructor(private readonly loaders: ProgramLoaders) {}

  @ResolveField(() => TechTalkConnection, { description: "The cohort's tech talks, in start order" })
  async techTalks(
    @Parent() calendar: CohortCalendarView,
    @Args() page: PageArgs,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Connection<TechTalkSnapshot>> {
    if (!canReadCohorts(ctx.identity)) return EMPTY;
    const { limit, after } = pageRequest(page);
    checkTimeCursor(after);
    const loaders = this.loaders.for(ctx);
    const [rows, total] = await Promise.all([
      loaders.talkPage.load({ ownerId: calendar.cohortId, limit, after }),
      loaders.talkCount.load(calendar.cohortId),
    ]);
    return toConnection(
      rows,
      limit,
      total,
      (t) => ({ sort: t.startsAt.toISOString(), id: t.id }),
      (t) => t,
      !!after,
    );
  }

  @ResolveField(() => PresentationSlotConnection, {
    description: "The cohort's final-presentation slots, in start order",
  })
  async presentationSlots(
    @Parent() calendar: CohortCalendarView,
    @Args() page: PageArgs,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Connection<PresentationSlotSnapshot>> {
    if (!canReadCohorts(ctx.identity)) return EMPTY;
    const { limit, after } = pageRequest(page);
    checkTimeCursor(after);
    const loaders = this.loaders.for(ctx);
    const [rows, total] = await Promise.all([
      loaders.slotPage.load({ ownerId: calendar.cohortId, limit, after }),
      loaders.slotCount.load(calendar.cohortId),
    ]);
    return toConnection(
      rows,
      limit,
      total,
      (s) => ({ sort: s.startsAt.toISOString(), id: s.id }),
      (s) => s,
      !!after,
    );
  }
}
