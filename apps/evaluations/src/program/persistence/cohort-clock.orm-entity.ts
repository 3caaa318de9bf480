import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A cohort's calendar and clock as the cohorts service announces them (CohortScheduled, CohortWeekStarted, …). */
@Entity({ name: 'eval_cohorts' })
export class CohortClockOrmEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ type: 'text', nullable: true }) name: string | null;
  @Column({ name: 'start_date', type: 'text', nullable: true }) startDate: string | null;
  @Column({ type: 'int', nullable: true }) weeks: number | null;
  @Column({ type: 'text', nullable: true }) timezone: string | null;
  /** 0 before the start, the last week started, weeks + 1 once completed. */
  @Column({ name: 'current_week', type: 'int', default: 0 }) currentWeek: number;
  @Column({ type: 'text', default: 'SCHEDULED' }) status: string;
}
