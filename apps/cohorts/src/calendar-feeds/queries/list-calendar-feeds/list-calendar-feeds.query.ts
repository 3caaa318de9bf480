import { Query } from '@nestjs/cqrs';
import type { Connection, PageArgs } from '#platform';
import type { CalendarFeedView } from '../../graphql/calendar-feed.type.js';

export class ListCalendarFeedsQuery extends Query<Connection<CalendarFeedView>> {
  constructor(
    readonly ownerSub: string,
    readonly page: PageArgs,
  ) {
    super();
  }
}
