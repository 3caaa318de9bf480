import { Column, Entity, Index } from 'typeorm';
import { InternsTableColumns } from '#messaging';

export type EnrollmentState = 'ENROLLED' | 'WITHDRAWN' | 'TERMINATED' | 'COMPLETED';

/** An extension as the cohorts service granted it (InternshipExtended). */
export interface StoredExtension {
  eventId: string;
  weeks: number;
  afterWeek: number;
  /** Who granted it (InternshipExtended `source`); absent on rows recorded before it was kept. */
  source?: 'PROGRAM_MANAGER' | 'MIDPOINT_DECISION';
}

/**
 * The evaluations service's projection of the interns enrolled in each cohort (from the cohorts
 * service's events): who may be evaluated, whether the enrollment is still running, and the
 * extensions that move the intern's evaluation windows.
 */
@Entity({ name: 'interns' })
@Index('interns_cohort_idx', ['cohortId'])
export class InternOrmEntity extends InternsTableColumns {
  @Column({ type: 'text', default: 'ENROLLED' }) status: EnrollmentState;
  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` }) extensions: StoredExtension[];
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;
}
