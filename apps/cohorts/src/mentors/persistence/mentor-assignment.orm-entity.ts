import { Entity } from 'typeorm';
import { TextColumn, TimestampColumn } from '#platform';

/**
 * Row of `mentor_assignments`: the cohorts service's own projection of the mentors context's
 * MentorAssigned / MentorUnassigned events. It answers one question: which interns a mentor
 * mentors now (a mentor sees only their own mentees). Ended assignments keep `unassignedAt`.
 */
@Entity({ name: 'mentor_assignments' })
export class MentorAssignmentOrmEntity {
  @TextColumn({ primary: true }) assignmentId: string;
  @TextColumn() internId: string;
  @TextColumn() mentorId: string;
  @TextColumn() cohortId: string;
  @TextColumn() role: 'PRIMARY' | 'CO_MENTOR';
  @TimestampColumn() assignedAt: Date;
  @TimestampColumn({ nullable: true }) unassignedAt: Date | null;
}
