import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { CalendarFeedView } from '../../graphql/calendar-feed.type.js';

export class RevokeCalendarFeedCommand extends Command<CalendarFeedView> {
  constructor(
    readonly feedId: string,
    readonly actor: Identity,
  ) {
    super();
  }
}
