import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CheckInProgress } from '../domain/check-in.js';

/** A check-in a mentor logged for an intern. `privateNotes` never leaves this service. */
@Entity({ name: 'check_ins' })
export class CheckInOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'cohort_id', type: 'text' })
  cohortId: string;

  @Column({ name: 'intern_id', type: 'text' })
  internId: string;

  @Column({ name: 'mentor_id', type: 'text' })
  mentorId: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  /** Postgres `date`, read back as `YYYY-MM-DD`. */
  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ type: 'int', nullable: true })
  week: number | null;

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes: number;

  @Column({ type: 'text' })
  format: string;

  @Column({ type: 'text' })
  progress: CheckInProgress;

  @Column({ type: 'text' })
  notes: string;

  @Column({ name: 'private_notes', type: 'text', nullable: true })
  privateNotes: string | null;

  @Column({ type: 'text', array: true })
  blockers: string[];

  @Column({ name: 'action_items', type: 'text', array: true })
  actionItems: string[];

  @Column({ name: 'logged_at', type: 'timestamptz' })
  loggedAt: Date;
}
