import {
  CheckInLoggedV1,
  CheckInMissedV1,
  CheckInMissedV2,
  CohortCancelledV1,
  CohortCompletedV1,
  CohortPhaseChangedV1,
  CohortScheduledV1,
  CohortStartedV1,
  CohortUpdatedV1,
  CohortWeekStartedV1,
  EvaluationOverdueV1,
  EvaluationSubmittedV1,
  FinalOutcomeRecordedV1,
  InternCompletedV1,
  InternEnrolledV1,
  InternErasedV1,
  InternReinstatedV1,
  InternshipExtendedV1,
  InternshipExtensionRefusedV1,
  InternshipExtensionRevokedV1,
  InternTerminatedV1,
  InternWithdrawnV1,
  MentorAssignedV1,
  MentorUnassignedV1,
  MidpointDecisionMadeV1,
  MilestoneOverdueV1,
  MilestoneReportReviewedV1,
  MilestoneReportSubmittedV1,
  OnboardingCompletedV1,
  OnboardingTaskCompletedV1,
  PresentationBookingCancelledV1,
  PresentationScoredV1,
  PresentationSlotBookedV1,
  ProjectScopeApprovedV1,
  ProjectScopeApprovedV2,
  ProjectScopeChangesRequestedV1,
  ProjectScopeChangesRequestedV2,
  ProjectScopeDraftedV1,
  ProjectScopeOverdueV1,
  ProjectScopeSubmittedV1,
  TechTalkAttendedV1,
  TechTalkRsvpedV1,
  TechTalkScheduledV1,
  eventTable,
} from '#contracts';
import { ANY_COHORT, COHORT_WIDE, type Fact, type FactKind } from '../domain/facts.js';

/** Every event the progress read model is built from: the four contexts' topics. */
export const PROGRESS_CONTRACTS = [
  CohortScheduledV1,
  CohortStartedV1,
  CohortWeekStartedV1,
  CohortPhaseChangedV1,
  CohortCompletedV1,
  CohortCancelledV1,
  CohortUpdatedV1,
  InternEnrolledV1,
  InternWithdrawnV1,
  InternReinstatedV1,
  InternTerminatedV1,
  InternCompletedV1,
  InternErasedV1,
  InternshipExtendedV1,
  InternshipExtensionRevokedV1,
  InternshipExtensionRefusedV1,
  OnboardingTaskCompletedV1,
  OnboardingCompletedV1,
  TechTalkScheduledV1,
  TechTalkRsvpedV1,
  TechTalkAttendedV1,
  PresentationSlotBookedV1,
  PresentationBookingCancelledV1,
  MentorAssignedV1,
  MentorUnassignedV1,
  CheckInLoggedV1,
  CheckInMissedV1,
  CheckInMissedV2,
  ProjectScopeDraftedV1,
  ProjectScopeSubmittedV1,
  ProjectScopeChangesRequestedV1,
  ProjectScopeChangesRequestedV2,
  ProjectScopeApprovedV1,
  ProjectScopeApprovedV2,
  ProjectScopeOverdueV1,
  MilestoneReportSubmittedV1,
  MilestoneReportReviewedV1,
  MilestoneOverdueV1,
  EvaluationSubmittedV1,
  MidpointDecisionMadeV1,
  FinalOutcomeRecordedV1,
  PresentationScoredV1,
  EvaluationOverdueV1,
] as const;

type ProgressContract = (typeof PROGRESS_CONTRACTS)[number];

export const PROGRESS_EVENT_TYPES: readonly string[] = PROGRESS_CONTRACTS.map((c) => c.type);

/** The attributes of a consumed event the read model uses: never the time it was consumed at. */
export interface SourceEvent {
  id: string;
  type: string;
  time: string;
  data: unknown;
}

/** What one event writes: its facts, and whose rows they change (one intern, or the whole cohort). */
export interface EventFacts {
  cohortId: string;
  /** The intern whose row changes; undefined when the facts concern every intern of the cohort. */
  internId: string | undefined;
  facts: Fact[];
  /**
   * The intern's personal data was erased (InternErased): their facts in every cohort lose it, and
   * their rows in each of these cohorts (and any other they have facts in) are derived again.
   */
  erasure?: { internId: string; cohortIds: readonly string[] };
}

type Data = Record<string, unknown>;

/** Builds the facts of one event (its id and time are in every fact). */
interface FactsOfEvent {
  readonly eventId: string;
  fact(cohortId: string, internId: string, kind: FactKind, key: string, data?: Data): Fact;
  /** One fact about the whole cohort: every intern's row changes. */
  cohortWide(cohortId: string, kind: FactKind, key: string, data?: Data): EventFacts;
  /** One fact about the intern: their row changes. */
  forIntern(d: { cohortId: string; internId: string }, kind: FactKind, key: string, data?: Data): EventFacts;
}

function factsOfEvent(event: SourceEvent): FactsOfEvent {
  const base = { eventId: event.id, occurredAt: new Date(event.time).toISOString() };
  const fact = (cohortId: string, internId: string, kind: FactKind, key: string, data: Data = {}): Fact => ({
    ...base,
    cohortId,
    internId,
    kind,
    key,
    data,
  });
  return {
    eventId: event.id,
    fact,
    cohortWide: (cohortId, kind, key, data) => ({
      cohortId,
      internId: undefined,
      facts: [fact(cohortId, COHORT_WIDE, kind, key, data)],
    }),
    forIntern: (d, kind, key, data) => ({
      cohortId: d.cohortId,
      internId: d.internId,
      facts: [fact(d.cohortId, d.internId, kind, key, data)],
    }),
  };
}

/** A scope version's status, and the milestones an approved one plans. */
function scopeFacts(
  d: { cohortId: string; internId: string; projectId: string; version: number },
  f: FactsOfEvent,
  status: 'DRAFTED' | 'SUBMITTED' | 'CHANGES_REQUESTED' | 'APPROVED',
  milestones: readonly { milestoneId: string; title: string; dueWeek: number }[] = [],
): EventFacts {
  const out = f.forIntern(d, 'SCOPE', `${d.projectId}:${d.version}:${status}`, {
    projectId: d.projectId,
    version: d.version,
    status,
  });
  for (const m of milestones) {
    out.facts.push(f.fact(d.cohortId, d.internId, 'MILESTONE', m.milestoneId, { title: m.title, dueWeek: m.dueWeek }));
  }
  return out;
}

/** The facts each event tells (see facts.ts): one entry per contract of PROGRESS_CONTRACTS, checked by the compiler. */
const FACTS = eventTable<ProgressContract, [FactsOfEvent], EventFacts>({
  // cohorts: the cohort and its clock
  [CohortScheduledV1.type]: (d, f) =>
    f.cohortWide(d.cohortId, 'COHORT_SCHEDULED', '-', {
      name: d.name,
      startDate: d.startDate,
      weeks: d.weeks,
      timezone: d.timezone,
    }),
  [CohortStartedV1.type]: (d, f) =>
    f.cohortWide(d.cohortId, 'COHORT_STARTED', '-', { startDate: d.startDate, weeks: d.weeks, timezone: d.timezone }),
  [CohortWeekStartedV1.type]: (d, f) =>
    f.cohortWide(d.cohortId, 'CLOCK', `week:${d.week}`, { week: d.week, weeks: d.weeks, phase: d.phase }),
  [CohortPhaseChangedV1.type]: (d, f) =>
    f.cohortWide(d.cohortId, 'CLOCK', `phase:${d.phase}`, { week: d.week, phase: d.phase }),
  [CohortCompletedV1.type]: (d, f) =>
    f.cohortWide(d.cohortId, 'CLOCK', 'completed', { week: d.weeks + 1, weeks: d.weeks, completed: true }),
  [CohortCancelledV1.type]: (d, f) => f.cohortWide(d.cohortId, 'COHORT_CANCELLED', '-', { reason: d.reason }),
  // The whole cohort as it now stands: replaces what CohortScheduled told (the later event wins).
  [CohortUpdatedV1.type]: (d, f) =>
    f.cohortWide(d.cohortId, 'COHORT_SCHEDULED', '-', {
      name: d.name,
      startDate: d.startDate,
      weeks: d.weeks,
      timezone: d.timezone,
    }),
  // cohorts: the intern's enrollment
  [InternEnrolledV1.type]: (d, f) => f.forIntern(d, 'ENROLLED', '-', { name: d.name, enrollmentId: d.enrollmentId }),
  [InternWithdrawnV1.type]: (d, f) => f.forIntern(d, 'ENDED', 'WITHDRAWN', { reason: d.reason }),
  [InternTerminatedV1.type]: (d, f) => f.forIntern(d, 'ENDED', 'TERMINATED', { reason: d.reason }),
  [InternCompletedV1.type]: (d, f) => f.forIntern(d, 'ENDED', 'COMPLETED', { outcome: d.outcome }),
  [InternshipExtendedV1.type]: (d, f) =>
    f.forIntern(d, 'EXTENDED', f.eventId, {
      weeks: d.weeks,
      totalExtensionWeeks: d.totalExtensionWeeks,
      source: d.source,
    }),
  [InternReinstatedV1.type]: (d, f) => f.forIntern(d, 'REINSTATED', f.eventId, { reason: d.reason }),
  // Once per intern, whatever their cohorts: every fact of theirs is kept without personal data from now on.
  [InternErasedV1.type]: (d, f) => ({
    cohortId: ANY_COHORT,
    internId: d.internId,
    facts: [f.fact(ANY_COHORT, d.internId, 'ERASED', '-')],
    erasure: { internId: d.internId, cohortIds: d.cohortIds },
  }),
  // The list the intern keeps after a revocation: replaces the total the extensions told.
  [InternshipExtensionRevokedV1.type]: (d, f) =>
    f.forIntern(d, 'EXTENSIONS_SET', f.eventId, {
      totalExtensionWeeks: d.totalExtensionWeeks,
      revokedWeeks: d.revokedWeeks,
    }),
  [InternshipExtensionRefusedV1.type]: (d, f) =>
    f.forIntern(d, 'EXTENSION_REFUSED', d.evaluationId, {
      requestedWeeks: d.requestedWeeks,
      totalExtensionWeeks: d.totalExtensionWeeks,
      reason: d.reason,
    }),
  [OnboardingTaskCompletedV1.type]: (d, f) => f.forIntern(d, 'ONBOARDING_TASK', d.taskId, { title: d.title }),
  [OnboardingCompletedV1.type]: (d, f) => f.forIntern(d, 'ONBOARDING_DONE', '-'),
  [TechTalkScheduledV1.type]: (d, f) =>
    f.cohortWide(d.cohortId, 'TALK', d.talkId, { title: d.title, startsAt: d.startsAt }),
  [TechTalkRsvpedV1.type]: (d, f) => f.forIntern(d, 'TALK_RSVP', d.talkId),
  // A talk counts as held once attendance was recorded for it: every intern's row changes.
  [TechTalkAttendedV1.type]: (d, f) => ({
    cohortId: d.cohortId,
    internId: undefined,
    facts: [
      f.fact(d.cohortId, COHORT_WIDE, 'TALK_HELD', d.talkId),
      f.fact(d.cohortId, d.internId, 'TALK_ATTENDED', d.talkId),
    ],
  }),
  [PresentationSlotBookedV1.type]: (d, f) => f.forIntern(d, 'SLOT_BOOKED', d.slotId, { startsAt: d.startsAt }),
  [PresentationBookingCancelledV1.type]: (d, f) => f.forIntern(d, 'SLOT_CANCELLED', d.slotId),
  // mentors
  [MentorAssignedV1.type]: (d, f) =>
    f.forIntern(d, 'ASSIGNED', d.assignmentId, { mentorId: d.mentorId, role: d.role, assignedAt: d.assignedAt }),
  [MentorUnassignedV1.type]: (d, f) =>
    f.forIntern(d, 'UNASSIGNED', d.assignmentId, { mentorId: d.mentorId, role: d.role }),
  [CheckInLoggedV1.type]: (d, f) =>
    f.forIntern(d, 'CHECK_IN', d.checkInId, {
      week: d.week,
      progress: d.progress,
      occurredOn: d.occurredOn,
      mentorId: d.mentorId,
    }),
  [CheckInMissedV1.type]: (d, f) =>
    f.forIntern(d, 'CHECK_IN_MISSED', String(d.week), { week: d.week, mentorId: d.mentorId }),
  [CheckInMissedV2.type]: (d, f) =>
    f.forIntern(d, 'CHECK_IN_MISSED', String(d.week), { week: d.week, mentorId: d.primaryMentorId ?? d.mentorIds[0] }),
  // scoping
  [ProjectScopeDraftedV1.type]: (d, f) => scopeFacts(d, f, 'DRAFTED'),
  [ProjectScopeSubmittedV1.type]: (d, f) => scopeFacts(d, f, 'SUBMITTED'),
  [ProjectScopeChangesRequestedV1.type]: (d, f) => scopeFacts(d, f, 'CHANGES_REQUESTED'),
  [ProjectScopeApprovedV1.type]: (d, f) => scopeFacts(d, f, 'APPROVED', d.milestones),
  [ProjectScopeChangesRequestedV2.type]: (d, f) => scopeFacts(d, f, 'CHANGES_REQUESTED'),
  [ProjectScopeApprovedV2.type]: (d, f) => scopeFacts(d, f, 'APPROVED', d.milestones),
  [ProjectScopeOverdueV1.type]: (d, f) =>
    f.forIntern(d, 'SCOPE_OVERDUE', String(d.dueWeek), { projectId: d.projectId, dueWeek: d.dueWeek }),
  [MilestoneReportSubmittedV1.type]: (d, f) =>
    f.forIntern(d, 'REPORT', d.reportId, { milestoneId: d.milestoneId, late: d.late, dueWeek: d.dueWeek }),
  [MilestoneReportReviewedV1.type]: (d, f) =>
    f.forIntern(d, 'REPORT_REVIEWED', d.reportId, { milestoneId: d.milestoneId, decision: d.decision }),
  [MilestoneOverdueV1.type]: (d, f) => f.forIntern(d, 'MILESTONE_OVERDUE', d.milestoneId, { dueWeek: d.dueWeek }),
  // evaluations (this service's own events, consumed like any other)
  [EvaluationSubmittedV1.type]: (d, f) =>
    f.forIntern(d, 'EVALUATION', d.evaluationId, {
      kind: d.kind,
      cycle: d.cycle,
      averageScore: d.averageScore,
      authorId: d.authorId,
      revision: d.revision ?? 1,
    }),
  [MidpointDecisionMadeV1.type]: (d, f) =>
    f.forIntern(d, 'MIDPOINT_DECISION', '-', {
      decision: d.decision,
      extensionWeeks: d.extensionWeeks,
      mentorId: d.mentorId,
      revision: d.revision ?? 1,
    }),
  [FinalOutcomeRecordedV1.type]: (d, f) =>
    f.forIntern(d, 'FINAL_OUTCOME', '-', {
      outcome: d.outcome,
      returnOffer: d.returnOffer,
      mentorId: d.mentorId,
      revision: d.revision ?? 1,
    }),
  [PresentationScoredV1.type]: (d, f) =>
    f.forIntern(d, 'PRESENTATION_SCORE', `${d.slotId}:${d.mentorId}`, { averageScore: d.averageScore }),
  [EvaluationOverdueV1.type]: (d, f) =>
    f.forIntern(d, 'EVALUATION_OVERDUE', d.cycle, { missing: [...d.missing].sort() }),
});

/**
 * The facts an event tells (see facts.ts), or undefined for an event type the read model does
 * not use. Pure: the same event always gives the same facts. The event's data must have passed
 * its contract's schema (the consumer and the rebuild both validate it first).
 */
export function factsFromEvent(event: SourceEvent): EventFacts | undefined {
  return FACTS.entry(event.type)?.(event.data, factsOfEvent(event));
}
