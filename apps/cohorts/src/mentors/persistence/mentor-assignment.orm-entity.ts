import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Row of `mentor_assignments`: the cohorts service's own projection of the mentors context's
 * MentorAssigned / MentorUnassigned events. It answers one question: which interns a mentor
 * mentors now (a mentor sees only their own mentees). Ended assignments keep `unassignedAt`.
 */
@Entity({ name: 'mentor_assignments' })
export class MentorAssignmentOrmEntity {
  @PrimaryColumn({ type: 'text', name: 'assignment_id' }) assignmentId: string;
  @Column({ type: 'text', name: 'intern_id' }) internId: string;
  @Column({ type: 'text', name: 'mentor_id' }) mentorId: string;
  @Column({ type: 'text', name: 'cohort_id' }) cohortId: string;
  @Column({ type: 'text' }) role: 'PRIMARY' | 'CO_MENTOR';
  @Column({ type: 'timestamptz', name: 'assigned_at' }) assignedAt: Date;
  @Column({ type: 'timestamptz', name: 'unassigned_at', nullable: true }) unassignedAt: Date | null;
}
