import type { DomainEvent } from '#ddd';
import type { CohortPhase } from '#calendar';
import type { CohortField, CohortSnapshot } from '../../cohorts/domain/cohort.js';
import type { EnrollmentSnapshot } from '../../enrollments/domain/enrollment.js';
import type { PresentationSlotSnapshot } from '../../presentations/domain/presentation-slot.js';
import type { TechTalkSnapshot } from '../../tech-talks/domain/tech-talk.js';

export interface CohortScheduled extends DomainEvent {
  name: 'CohortScheduled';
  cohort: CohortSnapshot;
}

export interface CohortCancelled extends DomainEvent {
  name: 'CohortCancelled';
  cohortId: string;
  reason: string | null;
  cancelledBy: string;
  cancelledAt: Date;
}

/** A program manager changed the cohort (`updateCohort`): the whole cohort after, and what changed. */
export interface CohortUpdated extends DomainEvent {
  name: 'CohortUpdated';
  cohort: CohortSnapshot;
  changed: CohortField[];
  updatedBy: string;
}

export interface InternEnrolled extends DomainEvent {
  name: 'InternEnrolled';
  enrollment: EnrollmentSnapshot;
}

// The program clock ----------------------------------------------------------------------------

export interface CohortStarted extends DomainEvent {
  name: 'CohortStarted';
  cohortId: string;
  startDate: string;
  weeks: number;
  timezone: string;
  startedAt: Date;
}

export interface CohortWeekStarted extends DomainEvent {
  name: 'CohortWeekStarted';
  cohortId: string;
  week: number;
  startsOn: string;
  endsOn: string;
  phase: CohortPhase;
  weeks: number;
}

export interface CohortPhaseChanged extends DomainEvent {
  name: 'CohortPhaseChanged';
  cohortId: string;
  phase: CohortPhase;
  previousPhase: CohortPhase | null;
  week: number;
}

export interface CohortCompleted extends DomainEvent {
  name: 'CohortCompleted';
  cohortId: string;
  completedAt: Date;
  weeks: number;
}

// Enrollments ------------------------------------------------------------------------------------

interface EnrollmentRef {
  enrollmentId: string;
  cohortId: string;
  internId: string;
}

export interface InternWithdrawn extends DomainEvent, EnrollmentRef {
  name: 'InternWithdrawn';
  reason: string;
  withdrawnBy: string;
}

export interface InternReinstated extends DomainEvent, EnrollmentRef {
  name: 'InternReinstated';
  reason: string;
  reinstatedBy: string;
}

/** A midpoint extension revoked by a corrected decision; `extensions` are the grants left, `calendar` the dates now. */
export interface InternshipExtensionRevoked extends DomainEvent, EnrollmentRef {
  name: 'InternshipExtensionRevoked';
  revokedWeeks: number;
  extensions: { afterWeek: number; weeks: number }[];
  totalExtensionWeeks: number;
  programWeeks: number;
  newEndDate: string;
  presentationsWeek: { startsOn: string; endsOn: string };
  finalEvaluationsDue: string;
  reason: string;
}

/** A midpoint EXTEND the cohorts rules refuse (beyond 5 weeks, program over): told, nothing else changes. */
export interface InternshipExtensionRefused extends DomainEvent {
  name: 'InternshipExtensionRefused';
  cohortId: string;
  internId: string;
  evaluationId: string;
  mentorId: string;
  requestedWeeks: number;
  totalExtensionWeeks: number;
  reason: string;
}

export interface InternshipExtended extends DomainEvent, EnrollmentRef {
  name: 'InternshipExtended';
  weeks: number;
  totalExtensionWeeks: number;
  programWeeks: number;
  afterWeek: number;
  newEndDate: string;
  presentationsWeek: { startsOn: string; endsOn: string };
  finalEvaluationsDue: string;
  reason: string;
  source: 'PROGRAM_MANAGER' | 'MIDPOINT_DECISION';
}

export interface InternTerminated extends DomainEvent, EnrollmentRef {
  name: 'InternTerminated';
  reason: string;
}

export interface InternCompleted extends DomainEvent, EnrollmentRef {
  name: 'InternCompleted';
  outcome: 'PASS' | 'FAIL';
}

/** A program manager recorded what became of the intern's return offer. */
export interface ReturnOfferDecided extends DomainEvent, EnrollmentRef {
  name: 'ReturnOfferDecided';
  status: 'EXTENDED' | 'ACCEPTED' | 'DECLINED';
  recommendation: 'STRONG_YES' | 'YES' | 'NO' | null;
  decidedAt: Date;
  decidedBy: string;
}

export interface OnboardingTaskCompleted extends DomainEvent, EnrollmentRef {
  name: 'OnboardingTaskCompleted';
  taskId: string;
  title: string;
  completedAt: Date;
}

export interface OnboardingCompleted extends DomainEvent, EnrollmentRef {
  name: 'OnboardingCompleted';
  completedAt: Date;
}

// Tech talks and presentations -----------------------------------------------------------------------

export interface TechTalkScheduled extends DomainEvent {
  name: 'TechTalkScheduled';
  talk: TechTalkSnapshot;
}

export interface TechTalkRsvped extends DomainEvent {
  name: 'TechTalkRsvped';
  talkId: string;
  cohortId: string;
  internId: string;
}

export interface TechTalkAttended extends DomainEvent {
  name: 'TechTalkAttended';
  talkId: string;
  cohortId: string;
  internId: string;
}

export interface PresentationSlotOpened extends DomainEvent {
  name: 'PresentationSlotOpened';
  slot: PresentationSlotSnapshot;
}

export interface PresentationSlotBooked extends DomainEvent {
  name: 'PresentationSlotBooked';
  slot: PresentationSlotSnapshot;
  internId: string;
}

export interface PresentationBookingCancelled extends DomainEvent {
  name: 'PresentationBookingCancelled';
  slotId: string;
  cohortId: string;
  internId: string;
}

// Off the happy path: talks moved or cancelled, slots closed (SPEC §7) ---------------------------

export interface TechTalkRescheduled extends DomainEvent {
  name: 'TechTalkRescheduled';
  talk: TechTalkSnapshot;
  previousStartsAt: Date;
  /** The interns who RSVPed (still in the program), to be told. */
  attendeeIds: string[];
  rescheduledBy: string;
}

export interface TechTalkCancelled extends DomainEvent {
  name: 'TechTalkCancelled';
  talk: TechTalkSnapshot;
  reason: string;
  /** The interns who RSVPed (still in the program), to be told. */
  attendeeIds: string[];
  cancelledBy: string;
}

export interface PresentationSlotClosed extends DomainEvent {
  name: 'PresentationSlotClosed';
  slot: PresentationSlotSnapshot;
  reason: string;
  /** The intern whose booking the closing released, if any. */
  bookedInternId: string | null;
  closedBy: string;
}

// Personal data ------------------------------------------------------------------------------------

/** An intern's personal data was erased (on request or by the retention policy); carries none of it. */
export interface InternErased extends DomainEvent {
  name: 'InternErased';
  internId: string;
  cohortIds: string[];
  erasedAt: Date;
  trigger: 'REQUEST' | 'RETENTION_POLICY';
}

/** The domain events of the cohorts context. */
export type CohortDomainEvent =
  | CohortScheduled
  | CohortCancelled
  | InternEnrolled
  | CohortStarted
  | CohortWeekStarted
  | CohortPhaseChanged
  | CohortCompleted
  | InternWithdrawn
  | InternshipExtended
  | InternTerminated
  | InternCompleted
  | OnboardingTaskCompleted
  | OnboardingCompleted
  | TechTalkScheduled
  | TechTalkRsvped
  | TechTalkAttended
  | PresentationSlotOpened
  | PresentationSlotBooked
  | PresentationBookingCancelled
  | TechTalkRescheduled
  | TechTalkCancelled
  | PresentationSlotClosed
  | CohortUpdated
  | InternReinstated
  | InternshipExtensionRevoked
  | InternshipExtensionRefused
  | ReturnOfferDecided
  | InternErased;
