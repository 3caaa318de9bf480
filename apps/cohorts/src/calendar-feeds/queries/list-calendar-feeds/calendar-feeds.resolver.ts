import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import { PageArgs, type Connection, type Identity } from '#platform';
import { CalendarFeedConnection, type CalendarFeedView } from '../../graphql/calendar-feed.type.js';
import { ListCalendarFeedsQuery } from './list-calendar-feeds.query.js';

@Resolver()
export class CalendarFeedsQueryResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => CalendarFeedConnection, {
    description: "The caller's own calendar feeds, revoked ones too, newest first (their URLs are not kept)",
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  calendarFeeds(@Args() page: PageArgs, @CurrentUser() user: Identity): Promise<Connection<CalendarFeedView>> {
    return this.queries.execute(new ListCalendarFeedsQuery(user.sub, page));
  }
}
