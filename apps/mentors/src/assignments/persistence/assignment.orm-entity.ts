import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssignmentRole } from '../domain/assignment-role.js';

/**
 * A mentor assigned to an intern in a cohort. Ended assignments are kept with `unassignedAt`
 * set; the active ones are those where it is null.
 */
@Entity({ name: 'assignments' })
export class AssignmentOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'intern_id', type: 'text' })
  internId: string;

  @Column({ name: 'mentor_id', type: 'text' })
  mentorId: string;

  @Column({ name: 'cohort_id', type: 'text' })
  cohortId: string;

  @Column({ type: 'text' })
  role: AssignmentRole;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column({ name: 'unassigned_at', type: 'timestamptz', nullable: true })
  unassignedAt: Date | null;

  /** The program manager who made the assignment (null for rows from before it was recorded). */
  @Column({ name: 'assigned_by', type: 'text', nullable: true })
  assignedBy: string | null;

  /** Who ended it: a program manager's id, or null when an event ended it (e.g. INTERN_WITHDRAWN). */
  @Column({ name: 'unassigned_by', type: 'text', nullable: true })
  unassignedBy: string | null;

  /** Why it ended (see END_REASONS); null while active. */
  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: string | null;
}
