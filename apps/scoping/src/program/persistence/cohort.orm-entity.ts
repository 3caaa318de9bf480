import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Scoping's projection of each cohort's calendar (from CohortScheduled): what its deadlines derive from. */
@Entity({ name: 'cohorts' })
export class CohortOrmEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ type: 'text' }) name: string;
  /** Local date (YYYY-MM-DD), a Monday in `timezone`. */
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ type: 'int' }) weeks: number;
  @Column({ type: 'text' }) timezone: string;
  @Column({ name: 'scheduled_at', type: 'timestamptz' }) scheduledAt: Date;
  /**
   * The cohort's program week as its clock last announced it (CohortWeekStarted): 0 before the
   * start, `weeks + 1` once CohortCompleted. Scoping's "now" for late reports.
   */
  @Column({ name: 'current_week', type: 'int', default: 0 }) currentWeek: number;
}
