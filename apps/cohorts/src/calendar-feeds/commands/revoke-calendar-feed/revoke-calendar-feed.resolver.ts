import { commandMutation } from '#platform';
import { CalendarFeedType } from '../../graphql/calendar-feed.type.js';
import { RevokeCalendarFeedCommand } from './revoke-calendar-feed.command.js';
import { RevokeCalendarFeedInput } from './revoke-calendar-feed.input.js';

export const RevokeCalendarFeedResolver = commandMutation(RevokeCalendarFeedInput, () => CalendarFeedType, {
  roles: ['PROGRAM_MANAGER', 'MENTOR', 'INTERN'],
  description: "Revokes one of the caller's calendar feeds: its URL answers 404 from then on",
  command: (input, user) => new RevokeCalendarFeedCommand(input.feedId, user),
});
