import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who mentors whom (MentorAssigned / MentorUnassigned): the primary mentor writes the evaluations. */
@Entity({ name: 'mentor_assignments' })
export class MentorAssignmentOrmEntity {
  @PrimaryColumn({ name: 'assignment_id', type: 'text' }) assignmentId: string;
  @Column({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ name: 'intern_id', type: 'text' }) internId: string;
  @Column({ name: 'mentor_id', type: 'text' }) mentorId: string;
  @Column({ type: 'text' }) role: 'PRIMARY' | 'CO_MENTOR';
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt: Date;
  @Column({ type: 'boolean', default: false }) unassigned: boolean;
}
