import { Entity } from 'typeorm';
import { IntColumn, TextColumn, TimestampColumn, UuidColumn, UuidRow } from '#platform';

/**
 * Row of `presentation_slots`. A booking is a conditional update of `booked_by`; the unique
 * index `presentation_slots_one_booking_per_intern` keeps one booking per intern per cohort.
 */
@Entity({ name: 'presentation_slots' })
export class PresentationSlotOrmEntity extends UuidRow {
  @UuidColumn()
  cohortId: string;

  @TimestampColumn()
  startsAt: Date;

  @IntColumn()
  durationMinutes: number;

  @TextColumn({ array: true })
  panelMentorIds: string[];

  @TextColumn({ nullable: true })
  bookedBy: string | null;

  @TimestampColumn({ nullable: true })
  bookedAt: Date | null;

  @TextColumn()
  openedBy: string;

  @TimestampColumn()
  openedAt: Date;

  @TimestampColumn({ nullable: true })
  closedAt: Date | null;

  @TextColumn({ nullable: true })
  closedBy: string | null;

  @TextColumn({ nullable: true })
  closeReason: string | null;
}
