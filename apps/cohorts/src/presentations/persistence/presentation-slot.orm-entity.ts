import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Row of `presentation_slots`. A booking is a conditional update of `booked_by`; the unique
 * index `presentation_slots_one_booking_per_intern` keeps one booking per intern per cohort.
 */
@Entity({ name: 'presentation_slots' })
export class PresentationSlotOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId: string;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt: Date;

  @Column({ type: 'int', name: 'duration_minutes' })
  durationMinutes: number;

  @Column({ type: 'text', name: 'panel_mentor_ids', array: true })
  panelMentorIds: string[];

  @Column({ type: 'text', name: 'booked_by', nullable: true })
  bookedBy: string | null;

  @Column({ type: 'timestamptz', name: 'booked_at', nullable: true })
  bookedAt: Date | null;

  @Column({ type: 'text', name: 'opened_by' })
  openedBy: string;

  @Column({ type: 'timestamptz', name: 'opened_at' })
  openedAt: Date;
}
