import { CommandBus } from '@nestjs/cqrs';
import { Context, Mutation, Resolver } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { publicBaseUrl } from '../../export/feed-url.js';
import { CalendarFeedType, type CalendarFeedView } from '../../graphql/calendar-feed.type.js';
import { CreateCalendarFeedCommand } from './create-calendar-feed.command.js';

@Resolver()
export class CreateCalendarFeedResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => CalendarFeedType, {
    description:
      "A read-only iCalendar feed of the caller's own calendar, for calendar apps: its url (shown only here) carries a secret of its own, never the API token",
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  createCalendarFeed(
    @CurrentUser() user: Identity,
    @Context() context: { reply?: FastifyReply },
  ): Promise<CalendarFeedView> {
    return this.commands.execute(new CreateCalendarFeedCommand(user, publicBaseUrl(context.reply?.request.headers)));
  }
}
