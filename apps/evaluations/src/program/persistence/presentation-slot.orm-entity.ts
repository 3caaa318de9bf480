import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A final-presentation slot, its panel and the intern who booked it (PresentationSlotOpened/Booked/BookingCancelled). */
@Entity({ name: 'presentation_slots' })
export class PresentationSlotOrmEntity {
  @PrimaryColumn({ name: 'slot_id', type: 'text' }) slotId: string;
  @Column({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'duration_minutes', type: 'int', nullable: true }) durationMinutes: number | null;
  @Column({ name: 'panel_mentor_ids', type: 'text', array: true }) panelMentorIds: string[];
  @Column({ name: 'intern_id', type: 'text', nullable: true }) internId: string | null;
}
