import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `cohorts`. The schema is owned by the migrations (see migrations/). */
@Entity({ name: 'cohorts' })
export class CohortOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** Postgres `date`, read back as `YYYY-MM-DD`. */
  @Column({ type: 'date', name: 'start_date' })
  startDate: string;

  @Column({ type: 'int' })
  weeks: number;

  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'text' })
  location: string;

  @Column({ type: 'text', name: 'work_mode' })
  workMode: string;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'int', name: 'enrolled_count' })
  enrolledCount: number;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt: Date;

  @Column({ type: 'text', name: 'scheduled_by' })
  scheduledBy: string;

  @Column({ type: 'timestamptz', name: 'scheduled_at' })
  scheduledAt: Date;

  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', name: 'cancelled_by', nullable: true })
  cancelledBy: string | null;

  @Column({ type: 'text', name: 'cancellation_reason', nullable: true })
  cancellationReason: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  @Column({ type: 'int', name: 'current_week' })
  currentWeek: number;

  @Column({ type: 'text', name: 'current_phase', nullable: true })
  currentPhase: string | null;

  @Column({ type: 'timestamptz', name: 'clock_at', nullable: true })
  clockAt: Date | null;
}
