import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where an intern's enrollment stands, as the cohorts context last told us. */
export const INTERN_STATUSES = ['ENROLLED', 'ONBOARDING', 'ACTIVE', 'COMPLETED', 'WITHDRAWN', 'TERMINATED'] as const;
export type InternStatus = (typeof INTERN_STATUSES)[number];

/** Enrollments that are over: their mentors' places are free again and nothing more is expected. */
export const ENDED_INTERN_STATUSES: readonly InternStatus[] = ['COMPLETED', 'WITHDRAWN', 'TERMINATED'];

/**
 * This service's projection of the interns the cohorts context enrolled: one row per intern and
 * cohort, built from cohorts events only (this service never reads the cohorts database).
 */
@Entity({ name: 'interns' })
export class InternProjectionOrmEntity {
  @PrimaryColumn({ name: 'intern_id', type: 'text' })
  internId: string;

  @PrimaryColumn({ name: 'cohort_id', type: 'text' })
  cohortId: string;

  @Column({ name: 'enrollment_id', type: 'text' })
  enrollmentId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'focus_areas', type: 'text', array: true })
  focusAreas: string[];

  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'text' })
  status: InternStatus;

  /** Weeks the intern's own program was extended by (InternshipExtended), 0 to 5. */
  @Column({ name: 'extension_weeks', type: 'int' })
  extensionWeeks: number;

  /** When the intern was enrolled (the InternEnrolled event's time). */
  @Column({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt: Date;

  /** Time of the newest event applied to the row: an older event never overwrites a newer one. */
  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt: Date;

  /** When this service first learned of the enrollment. */
  @Column({ name: 'known_since', type: 'timestamptz' })
  knownSince: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
