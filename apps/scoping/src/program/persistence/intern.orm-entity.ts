import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type InternStatus = 'ENROLLED' | 'WITHDRAWN' | 'TERMINATED';

/** Scoping's projection of enrollments (from InternEnrolled): which cohort's calendar an intern follows. */
@Entity({ name: 'interns' })
@Index('interns_cohort_idx', ['cohortId'])
export class InternOrmEntity {
  @PrimaryColumn({ name: 'intern_id', type: 'text' }) internId: string;
  @PrimaryColumn({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ name: 'enrollment_id', type: 'text' }) enrollmentId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'enrolled_at', type: 'timestamptz' }) enrolledAt: Date;
  /** ENROLLED until InternWithdrawn or InternTerminated: then no more scope work or deadlines. */
  @Column({ type: 'text', default: 'ENROLLED' }) status: InternStatus;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;
}
