import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '#platform';

/** What the API shows of a calendar feed: never its token, except once, in `url`, when it is created. */
export interface CalendarFeedView {
  id: string;
  url: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

@ObjectType('CalendarFeed', {
  description:
    "A read-only subscription URL of the caller's own calendar (iCalendar), served by the gateway, revocable",
})
export class CalendarFeedType implements CalendarFeedView {
  @Field(() => ID) id: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The feed URL, with its secret: only in the answer of createCalendarFeed (only a hash of the secret is kept); null afterwards',
  })
  url: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the feed was revoked; its URL answers 404 from then on',
  })
  revokedAt: Date | null;
}

export const CalendarFeedConnection = ConnectionType(CalendarFeedType, 'CalendarFeed');
