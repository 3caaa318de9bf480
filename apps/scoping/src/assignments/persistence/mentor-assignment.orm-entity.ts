import { Column, Entity, PrimaryColumn } from 'typeorm';

export type MentorRole = 'PRIMARY' | 'CO_MENTOR';

/**
 * Scoping's projection of the mentors context's assignments (MentorAssigned, MentorUnassigned):
 * who may approve an intern's scope (their primary mentor) and review their reports (any of
 * their mentors). Ended assignments keep `unassignedAt`.
 */
@Entity({ name: 'mentor_assignments' })
export class MentorAssignmentOrmEntity {
  @PrimaryColumn({ name: 'assignment_id', type: 'text' }) assignmentId: string;
  @Column({ name: 'intern_id', type: 'text' }) internId: string;
  @Column({ name: 'mentor_id', type: 'text' }) mentorId: string;
  @Column({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ type: 'text' }) role: MentorRole;
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt: Date;
  @Column({ name: 'unassigned_at', type: 'timestamptz', nullable: true }) unassignedAt: Date | null;
}
