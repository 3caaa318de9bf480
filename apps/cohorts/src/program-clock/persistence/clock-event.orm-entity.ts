import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Row of `clock_events`: one due event of a cohort's program clock (see ProgramClock). */
@Entity({ name: 'clock_events' })
export class ClockEventOrmEntity {
  /** bigserial, read as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'int' })
  week: number;

  @Column({ type: 'text', nullable: true })
  phase: string | null;

  @Column({ type: 'text', name: 'previous_phase', nullable: true })
  previousPhase: string | null;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  @Column({ type: 'timestamptz', name: 'fired_at', nullable: true })
  firedAt: Date | null;

  @Column({ type: 'text', name: 'fired_by', nullable: true })
  firedBy: string | null;
}
