import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One extension of an intern's program (from InternshipExtended). Keyed by the running total, so
 * the same grant arriving twice (even under another event id) is stored once, and the grants sort
 * in the order they were made.
 */
@Entity({ name: 'intern_extensions' })
export class InternExtensionOrmEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @PrimaryColumn({ name: 'intern_id', type: 'text' }) internId: string;
  @PrimaryColumn({ name: 'total_weeks', type: 'int' }) totalWeeks: number;
  @Column({ type: 'int' }) weeks: number;
  /** The intern's week after which the weeks were inserted; null when the event did not say. */
  @Column({ name: 'after_week', type: 'int', nullable: true }) afterWeek: number | null;
  @Column({ name: 'granted_at', type: 'timestamptz' }) grantedAt: Date;
}
