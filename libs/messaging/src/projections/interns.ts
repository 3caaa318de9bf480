import type { EntityManager } from 'typeorm';
import type { EventData, InternEnrolledV1 } from '#contracts';

/**
 * InternEnrolled into the `interns` projection (intern_id, cohort_id, enrollment_id, name,
 * enrolled_at, keyed by intern and cohort) that the scoping and evaluations services each keep
 * in their own database; a re-enrollment in the same cohort replaces the row's enrollment.
 */
export async function projectEnrollment(
  tx: EntityManager,
  d: Pick<EventData<typeof InternEnrolledV1>, 'internId' | 'cohortId' | 'enrollmentId' | 'name'>,
  enrolledAt: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO interns (intern_id, cohort_id, enrollment_id, name, enrolled_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (intern_id, cohort_id) DO UPDATE
       SET enrollment_id = EXCLUDED.enrollment_id, name = EXCLUDED.name, enrolled_at = EXCLUDED.enrolled_at`,
    [d.internId, d.cohortId, d.enrollmentId, d.name, enrolledAt],
  );
}
