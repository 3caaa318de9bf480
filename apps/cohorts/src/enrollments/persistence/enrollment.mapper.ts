import type {
  DegreeLevel,
  Enrollment,
  EnrollmentSnapshot,
  EnrollmentStatus,
  FinalOutcome,
  OfferRecommendation,
  OfferStatus,
} from '../domain/enrollment.js';
import { EnrollmentOrmEntity } from './enrollment.orm-entity.js';

/** A row of `enrollments` as a raw query returns it (snake_case columns). */
export interface EnrollmentRow {
  id: string;
  cohort_id: string;
  intern_id: string;
  name: string;
  email: string;
  university: string;
  degree_level: string;
  focus_areas: string[];
  timezone: string;
  status: string;
  enrolled_at: Date;
  extension_weeks: number;
  onboarding_completed_at: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
  outcome: string | null;
  offer_recommendation: string | null;
  offer_status: string | null;
  offer_decided_at: Date | null;
}

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

export const EnrollmentMapper = {
  toSnapshot(row: EnrollmentOrmEntity): EnrollmentSnapshot {
    return {
      id: row.id,
      cohortId: row.cohortId,
      internId: row.internId,
      name: row.name,
      email: row.email,
      university: row.university,
      degreeLevel: row.degreeLevel as DegreeLevel,
      focusAreas: row.focusAreas ?? [],
      timezone: row.timezone,
      status: row.status as EnrollmentStatus,
      enrolledAt: row.enrolledAt,
      extensionWeeks: row.extensionWeeks,
      onboardingCompletedAt: row.onboardingCompletedAt,
      endedAt: row.endedAt,
      endReason: row.endReason,
      outcome: row.outcome as FinalOutcome | null,
      offerRecommendation: row.offerRecommendation as OfferRecommendation | null,
      offerStatus: row.offerStatus as OfferStatus | null,
      offerDecidedAt: row.offerDecidedAt,
    };
  },

  fromRow(row: EnrollmentRow): EnrollmentSnapshot {
    return {
      id: row.id,
      cohortId: row.cohort_id,
      internId: row.intern_id,
      name: row.name,
      email: row.email,
      university: row.university,
      degreeLevel: row.degree_level as DegreeLevel,
      focusAreas: row.focus_areas ?? [],
      timezone: row.timezone,
      status: row.status as EnrollmentStatus,
      enrolledAt: new Date(row.enrolled_at),
      extensionWeeks: Number(row.extension_weeks ?? 0),
      onboardingCompletedAt: date(row.onboarding_completed_at),
      endedAt: date(row.ended_at),
      endReason: row.end_reason,
      outcome: row.outcome as FinalOutcome | null,
      offerRecommendation: (row.offer_recommendation ?? null) as OfferRecommendation | null,
      offerStatus: (row.offer_status ?? null) as OfferStatus | null,
      offerDecidedAt: date(row.offer_decided_at ?? null),
    };
  },

  /** Every column of the row from the snapshot (the compiler checks none is missing). */
  toOrm(enrollment: Enrollment): EnrollmentOrmEntity {
    return Object.assign(new EnrollmentOrmEntity(), enrollment.toSnapshot() satisfies EnrollmentOrmEntity);
  },
};
