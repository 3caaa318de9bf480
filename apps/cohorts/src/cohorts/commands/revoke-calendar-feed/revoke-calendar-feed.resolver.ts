import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { CalendarFeedType, type CalendarFeedView } from '../../graphql/calendar-feed.type.js';
import { RevokeCalendarFeedCommand } from './revoke-calendar-feed.command.js';
import { RevokeCalendarFeedInput } from './revoke-calendar-feed.input.js';

@Resolver()
export class RevokeCalendarFeedResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => CalendarFeedType, {
    description: "Revokes one of the caller's calendar feeds: its URL answers 404 from then on",
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
  revokeCalendarFeed(
    @Args('input', { type: () => RevokeCalendarFeedInput }) input: RevokeCalendarFeedInput,
    @CurrentUser() user: Identity,
  ): Promise<CalendarFeedView> {
    return this.commands.execute(new RevokeCalendarFeedCommand(input.feedId, user));
  }
}
