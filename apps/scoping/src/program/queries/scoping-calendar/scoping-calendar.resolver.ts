import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { ScopingCalendarType } from '../../graphql/scoping-calendar.type.js';
import { ScopingCalendarQuery } from './scoping-calendar.query.js';

@Resolver(() => ScopingCalendarType)
export class ScopingCalendarResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Query(() => ScopingCalendarType, {
    description: 'When an intern’s project scope is due (end of week 2 of their cohort)',
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  scopingCalendar(
    @Args('internId', { type: () => ID }) internId: string,
    @CurrentUser() caller: Identity,
  ): Promise<ScopingCalendarType> {
    return this.queryBus.execute(new ScopingCalendarQuery(internId, caller));
  }
}
