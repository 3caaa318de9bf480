import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Row of `enrollments`: one per intern per cohort (unique index `enrollments_cohort_intern_uq`). */
@Entity({ name: 'enrollments' })
@Index('enrollments_cohort_intern_uq', ['cohortId', 'internId'], { unique: true })
export class EnrollmentOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId: string;

  @Column({ type: 'text', name: 'intern_id' })
  internId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  university: string;

  @Column({ type: 'text', name: 'degree_level' })
  degreeLevel: string;

  @Column({ type: 'text', name: 'focus_areas', array: true })
  focusAreas: string[];

  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'timestamptz', name: 'enrolled_at' })
  enrolledAt: Date;

  @Column({ type: 'int', name: 'extension_weeks' })
  extensionWeeks: number;

  @Column({ type: 'timestamptz', name: 'onboarding_completed_at', nullable: true })
  onboardingCompletedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'text', name: 'end_reason', nullable: true })
  endReason: string | null;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;
}
