import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import type DataLoader from 'dataloader';
import { emptyConnection, PageArgs, pagedConnection, type Connection } from '#platform';
import type { PresentationSlotSnapshot } from '../../presentations/domain/presentation-slot.js';
import type { TechTalkSnapshot } from '../../tech-talks/domain/tech-talk.js';
import { checkTimeCursor } from '../../shared/persistence/program-read.repository.js';
import { CohortCalendarType } from './calendar.type.js';
import type { CohortCalendarView } from './cohort-fields.resolver.js';
import { PresentationSlotConnection, TechTalkConnection } from '../../shared/graphql/connections.js';
import { ProgramLoaders } from '../../shared/graphql/program.loaders.js';
import type { PageKey } from '../../shared/graphql/page.loaders.js';
import { canReadCohorts } from '../../shared/graphql/visibility.js';

/** One page of a cohort's talks or slots, in start order (then id). */
function startOrderPage<T extends { id: string; startsAt: Date }>(
  page: PageArgs,
  cohortId: string,
  pages: DataLoader<PageKey, T[], string>,
  counts: DataLoader<string, number>,
): Promise<Connection<T>> {
  return pagedConnection(
    page,
    async ({ limit, after }) => {
      checkTimeCursor(after);
      const [rows, totalCount] = await Promise.all([
        pages.load({ ownerId: cohortId, limit, after }),
        counts.load(cohortId),
      ]);
      return { rows, totalCount };
    },
    (row) => ({ sort: row.startsAt.toISOString(), id: row.id }),
  );
}

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
    if (!canReadCohorts(ctx.identity)) return emptyConnection();
    const loaders = this.loaders.for(ctx);
    return startOrderPage(page, calendar.cohortId, loaders.talkPage, loaders.talkCount);
  }

  @ResolveField(() => PresentationSlotConnection, {
    description: "The cohort's final-presentation slots, in start order",
  })
  async presentationSlots(
    @Parent() calendar: CohortCalendarView,
    @Args() page: PageArgs,
    @Context() ctx: GraphQLRequestContext,
  ): Promise<Connection<PresentationSlotSnapshot>> {
    if (!canReadCohorts(ctx.identity)) return emptyConnection();
    const loaders = this.loaders.for(ctx);
    return startOrderPage(page, calendar.cohortId, loaders.slotPage, loaders.slotCount);
  }
}
