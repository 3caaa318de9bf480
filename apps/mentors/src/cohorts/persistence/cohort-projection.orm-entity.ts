import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CohortStatus } from '../domain/cohort-calendar.js';

/** The cohorts context's cohorts as this service knows them (calendar and clock), from its events. */
@Entity({ name: 'cohorts' })
export class CohortProjectionOrmEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'text' })
  cohortId: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  /** Postgres `date`, read back as `YYYY-MM-DD`. */
  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ type: 'int' })
  weeks: number;

  @Column({ type: 'text', nullable: true })
  timezone: string | null;

  @Column({ type: 'text' })
  status: CohortStatus;

  @Column({ name: 'current_week', type: 'int', nullable: true })
  currentWeek: number | null;

  @Column({ name: 'current_week_starts_on', type: 'date', nullable: true })
  currentWeekStartsOn: string | null;

  @Column({ name: 'current_week_ends_on', type: 'date', nullable: true })
  currentWeekEndsOn: string | null;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
