import { Entity } from 'typeorm';
import { DateColumn, IntColumn, TextColumn, TimestampColumn, UuidRow } from '#platform';

/** Row of `cohorts`. The schema is owned by the migrations (see migrations/). */
@Entity({ name: 'cohorts' })
export class CohortOrmEntity extends UuidRow {
  @TextColumn()
  name: string;

  /** Postgres `date`, read back as `YYYY-MM-DD`. */
  @DateColumn()
  startDate: string;

  @IntColumn()
  weeks: number;

  @TextColumn()
  timezone: string;

  @TextColumn()
  location: string;

  @TextColumn()
  workMode: string;

  @IntColumn()
  capacity: number;

  @TextColumn()
  status: string;

  @IntColumn()
  enrolledCount: number;

  @TimestampColumn()
  startsAt: Date;

  @TextColumn()
  scheduledBy: string;

  @TimestampColumn()
  scheduledAt: Date;

  @TimestampColumn({ nullable: true })
  cancelledAt: Date | null;

  @TextColumn({ nullable: true })
  cancelledBy: string | null;

  @TextColumn({ nullable: true })
  cancellationReason: string | null;

  @TimestampColumn()
  updatedAt: Date;

  @IntColumn()
  currentWeek: number;

  @TextColumn({ nullable: true })
  currentPhase: string | null;

  @TimestampColumn({ nullable: true })
  clockAt: Date | null;
}
