import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `tech_talks`, with its RSVP and attendance counts. */
@Entity({ name: 'tech_talks' })
export class TechTalkOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  speaker: string;

  @Column({ type: 'text', nullable: true })
  abstract: string | null;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt: Date;

  @Column({ type: 'int', name: 'duration_minutes' })
  durationMinutes: number;

  @Column({ type: 'text', name: 'join_url', nullable: true })
  joinUrl: string | null;

  @Column({ type: 'text', name: 'scheduled_by' })
  scheduledBy: string;

  @Column({ type: 'timestamptz', name: 'scheduled_at' })
  scheduledAt: Date;

  @Column({ type: 'int', name: 'rsvp_count' })
  rsvpCount: number;

  @Column({ type: 'int', name: 'attendance_count' })
  attendanceCount: number;
}

/** Row of `tech_talk_rsvps`: an intern said they will come. */
@Entity({ name: 'tech_talk_rsvps' })
export class TechTalkRsvpOrmEntity {
  @PrimaryColumn({ type: 'uuid', name: 'talk_id' })
  talkId: string;

  @PrimaryColumn({ type: 'text', name: 'intern_id' })
  internId: string;

  @Column({ type: 'timestamptz', name: 'rsvped_at' })
  rsvpedAt: Date;
}

/** Row of `tech_talk_attendance`: an intern was there. */
@Entity({ name: 'tech_talk_attendance' })
export class TechTalkAttendanceOrmEntity {
  @PrimaryColumn({ type: 'uuid', name: 'talk_id' })
  talkId: string;

  @PrimaryColumn({ type: 'text', name: 'intern_id' })
  internId: string;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;

  @Column({ type: 'text', name: 'recorded_by' })
  recordedBy: string;
}
