import { Entity } from 'typeorm';
import type { TechTalkStatus } from '../domain/tech-talk.js';
import { IntColumn, TextColumn, TimestampColumn, UuidColumn, UuidRow } from '#platform';

/** Row of `tech_talks`, with its RSVP and attendance counts. */
@Entity({ name: 'tech_talks' })
export class TechTalkOrmEntity extends UuidRow {
  @UuidColumn()
  cohortId: string;

  @TextColumn()
  title: string;

  @TextColumn()
  speaker: string;

  @TextColumn({ nullable: true })
  abstract: string | null;

  @TimestampColumn()
  startsAt: Date;

  @IntColumn()
  durationMinutes: number;

  @TextColumn({ nullable: true })
  joinUrl: string | null;

  @TextColumn()
  scheduledBy: string;

  @TimestampColumn()
  scheduledAt: Date;

  @IntColumn()
  rsvpCount: number;

  @IntColumn()
  attendanceCount: number;

  @TextColumn()
  status: TechTalkStatus;

  @IntColumn()
  sequence: number;

  @TextColumn({ nullable: true })
  cancellationReason: string | null;

  @TextColumn({ nullable: true })
  cancelledBy: string | null;

  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;
}

/** Row of `tech_talk_rsvps`: an intern said they will come. */
@Entity({ name: 'tech_talk_rsvps' })
export class TechTalkRsvpOrmEntity {
  @UuidColumn({ primary: true })
  talkId: string;

  @TextColumn({ primary: true })
  internId: string;

  @TimestampColumn()
  rsvpedAt: Date;
}

/** Row of `tech_talk_attendance`: an intern was there. */
@Entity({ name: 'tech_talk_attendance' })
export class TechTalkAttendanceOrmEntity {
  @UuidColumn({ primary: true })
  talkId: string;

  @TextColumn({ primary: true })
  internId: string;

  @TimestampColumn()
  recordedAt: Date;

  @TextColumn()
  recordedBy: string;
}
