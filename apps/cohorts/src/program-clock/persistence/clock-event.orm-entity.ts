import { Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IntColumn, TextColumn, TimestampColumn, UuidColumn } from '#platform';

/** Row of `clock_events`: one due event of a cohort's program clock (see ProgramClock). */
@Entity({ name: 'clock_events' })
export class ClockEventOrmEntity {
  /** bigserial, read as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @UuidColumn()
  cohortId: string;

  @IntColumn()
  seq: number;

  @TextColumn()
  kind: string;

  @IntColumn()
  week: number;

  @TextColumn({ nullable: true })
  phase: string | null;

  @TextColumn({ nullable: true })
  previousPhase: string | null;

  @TimestampColumn()
  dueAt: Date;

  @TimestampColumn({ nullable: true })
  firedAt: Date | null;

  @TextColumn({ nullable: true })
  firedBy: string | null;
}
