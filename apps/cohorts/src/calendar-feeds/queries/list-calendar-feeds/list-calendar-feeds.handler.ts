import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { pagedConnection, type Connection } from '#platform';
import type { CalendarFeedView } from '../../graphql/calendar-feed.type.js';
import { CalendarFeedRepository } from '../../persistence/calendar-feed.repository.js';
import { ListCalendarFeedsQuery } from './list-calendar-feeds.query.js';

/** The caller's own calendar feeds, revoked ones too, newest first (then id, descending); never a URL. */
@QueryHandler(ListCalendarFeedsQuery)
export class ListCalendarFeedsHandler implements IQueryHandler<ListCalendarFeedsQuery> {
  constructor(private readonly feeds: CalendarFeedRepository) {}

  execute({ ownerSub, page }: ListCalendarFeedsQuery): Promise<Connection<CalendarFeedView>> {
    return pagedConnection(
      page,
      (request) => this.feeds.listOwned(ownerSub, request),
      (f) => ({ sort: f.createdAt.toISOString(), id: f.id }),
      (f) => ({ id: f.id, url: null, createdAt: f.createdAt, revokedAt: f.revokedAt }),
    );
  }
}
