import { Entity, Index } from 'typeorm';
import { IntColumn, TextColumn, TimestampColumn, UuidColumn, UuidRow } from '#platform';

/** Row of `enrollments`: one per intern per cohort (unique index `enrollments_cohort_intern_uq`). */
@Entity({ name: 'enrollments' })
@Index('enrollments_cohort_intern_uq', ['cohortId', 'internId'], { unique: true })
export class EnrollmentOrmEntity extends UuidRow {
  @UuidColumn()
  cohortId: string;

  @TextColumn()
  internId: string;

  @TextColumn()
  name: string;

  @TextColumn()
  email: string;

  @TextColumn()
  university: string;

  @TextColumn()
  degreeLevel: string;

  @TextColumn({ array: true })
  focusAreas: string[];

  @TextColumn()
  timezone: string;

  @TextColumn()
  status: string;

  @TimestampColumn()
  enrolledAt: Date;

  @IntColumn()
  extensionWeeks: number;

  @TimestampColumn({ nullable: true })
  onboardingCompletedAt: Date | null;

  @TimestampColumn({ nullable: true })
  endedAt: Date | null;

  @TextColumn({ nullable: true })
  endReason: string | null;

  @TextColumn({ nullable: true })
  outcome: string | null;

  @TextColumn({ nullable: true })
  offerRecommendation: string | null;

  @TextColumn({ nullable: true })
  offerStatus: string | null;

  @TimestampColumn({ nullable: true })
  offerDecidedAt: Date | null;
}
