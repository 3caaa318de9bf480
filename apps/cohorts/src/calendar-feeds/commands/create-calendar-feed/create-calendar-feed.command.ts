import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { CalendarFeedView } from '../../graphql/calendar-feed.type.js';

/** A new calendar feed of the caller's own calendar; its URL starts with `publicUrl` (the gateway's). */
export class CreateCalendarFeedCommand extends Command<CalendarFeedView> {
  constructor(
    readonly actor: Identity,
    readonly publicUrl: string,
  ) {
    super();
  }
}
