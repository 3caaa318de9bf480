import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssignmentRole } from '../../assignments/domain/assignment-role.js';

/**
 * A week an active mentor–intern pair had no check-in, detected when the next week started.
 * The key (cohort, intern, mentor, week) makes the detection happen once, however often the
 * week's event is delivered or published.
 */
@Entity({ name: 'missed_check_ins' })
export class MissedCheckInOrmEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'text' })
  cohortId: string;

  @PrimaryColumn({ name: 'intern_id', type: 'text' })
  internId: string;

  @PrimaryColumn({ name: 'mentor_id', type: 'text' })
  mentorId: string;

  @PrimaryColumn({ type: 'int' })
  week: number;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ type: 'text' })
  role: AssignmentRole;

  @Column({ name: 'detected_at', type: 'timestamptz' })
  detectedAt: Date;
}
