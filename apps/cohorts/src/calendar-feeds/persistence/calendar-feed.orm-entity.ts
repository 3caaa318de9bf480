import { Entity } from 'typeorm';
import { TextColumn, TimestampColumn, UuidRow } from '#platform';

/** Row of `calendar_feeds`: a person's calendar feed, its token kept only as a SHA-256 hash. */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeedOrmEntity extends UuidRow {
  @TextColumn() tokenHash: string;
  @TextColumn() ownerSub: string;
  @TextColumn({ array: true }) ownerRoles: string[];
  @TimestampColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) revokedAt: Date | null;
}
