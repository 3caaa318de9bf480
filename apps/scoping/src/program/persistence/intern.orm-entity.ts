import { Column, Entity, Index } from 'typeorm';
import { InternsTableColumns } from '#messaging';

export type InternStatus = 'ENROLLED' | 'WITHDRAWN' | 'TERMINATED';

/** Scoping's projection of enrollments (from InternEnrolled): which cohort's calendar an intern follows. */
@Entity({ name: 'interns' })
@Index('interns_cohort_idx', ['cohortId'])
export class InternOrmEntity extends InternsTableColumns {
  /** ENROLLED until InternWithdrawn or InternTerminated: then no more scope work or deadlines. */
  @Column({ type: 'text', default: 'ENROLLED' }) status: InternStatus;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;
}
