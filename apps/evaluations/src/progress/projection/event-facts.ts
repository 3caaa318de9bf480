import {
  CheckInLoggedV1,
  CheckInMissedV1,
  CohortCancelledV1,
  CohortCompletedV1,
  CohortPhaseChangedV1,
  CohortScheduledV1,
  CohortStartedV1,
  CohortWeekStartedV1,
  EvaluationOverdueV1,
  EvaluationSubmittedV1,
  FinalOutcomeRecordedV1,
  InternCompletedV1,
  InternEnrolledV1,
  InternshipExtendedV1,
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
  ProjectScopeChangesRequestedV1,
  ProjectScopeDraftedV1,
  ProjectScopeOverdueV1,
  ProjectScopeSubmittedV1,
  TechTalkAttendedV1,
  TechTalkRsvpedV1,
  TechTalkScheduledV1,
  type EventContract,
  type EventData,
} from '#contracts';
import { COHORT_WIDE, type Fact, type FactKind } from '../domain/facts.js';

/** Every event the progress read model is built from: the four contexts' topics. */
export const PROGRESS_CONTRACTS: readonly EventContract<any>[] = [
  CohortScheduledV1,
  CohortStartedV1,
  CohortWeekStartedV1,
  CohortPhaseChangedV1,
  CohortCompletedV1,
  CohortCancelledV1,
  InternEnrolledV1,
  InternWithdrawnV1,
  InternTerminatedV1,
  InternCompletedV1,
  InternshipExtendedV1,
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
  ProjectScopeDraftedV1,
  ProjectScopeSubmittedV1,
  ProjectScopeChangesRequestedV1,
  ProjectScopeApprovedV1,
  ProjectScopeOverdueV1,
  MilestoneReportSubmittedV1,
  MilestoneReportReviewedV1,
  MilestoneOverdueV1,
  EvaluationSubmittedV1,
  MidpointDecisionMadeV1,
  FinalOutcomeRecordedV1,
  PresentationScoredV1,
  EvaluationOverdueV1,
];

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
}

type D<C> = EventData<C>;

/**
 * The facts an event tells (see facts.ts), or undefined for an event type the read model does
 * not use. Pure: the same event always gives the same facts.
 */
export function factsFromEvent(event: SourceEvent): EventFacts | undefined {
  const base = { eventId: event.id, occurredAt: new Date(event.time).toISOString() };
  const fact = (
    cohortId: string,
    internId: string,
    kind: FactKind,
    key: string,
    data: Record<string, unknown> = {},
  ): Fact => ({
    ...base,
    cohortId,
    internId,
    kind,
    key,
    data,
  });
  const cohortWide = (
    cohortId: string,
    kind: FactKind,
    key: string,
    data: Record<string, unknown> = {},
  ): EventFacts => ({
    cohortId,
    internId: undefined,
    facts: [fact(cohortId, COHORT_WIDE, kind, key, data)],
  });
  const forIntern = (
    d: { cohortId: string; internId: string },
    kind: FactKind,
    key: string,
    data: Record<string, unknown> = {},
  ): EventFacts => ({
    cohortId: d.cohortId,
    internId: d.internId,
    facts: [fact(d.cohortId, d.internId, kind, key, data)],
  });

  switch (event.type) {
    // cohorts: the cohort and its clock
    case CohortScheduledV1.type: {
      const d = event.data as D<typeof CohortScheduledV1>;
      return cohortWide(d.cohortId, 'COHORT_SCHEDULED', '-', {
        name: d.name,
        startDate: d.startDate,
        weeks: d.weeks,
        timezone: d.timezone,
      });
    }
    case CohortStartedV1.type: {
      const d = event.data as D<typeof CohortStartedV1>;
      return cohortWide(d.cohortId, 'COHORT_STARTED', '-', {
        startDate: d.startDate,
        weeks: d.weeks,
        timezone: d.timezone,
      });
    }
    case CohortWeekStartedV1.type: {
      const d = event.data as D<typeof CohortWeekStartedV1>;
      return cohortWide(d.cohortId, 'CLOCK', `week:${d.week}`, { week: d.week, weeks: d.weeks, phase: d.phase });
    }
    case CohortPhaseChangedV1.type: {
      const d = event.data as D<typeof CohortPhaseChangedV1>;
      return cohortWide(d.cohortId, 'CLOCK', `phase:${d.phase}`, { week: d.week, phase: d.phase });
    }
    case CohortCompletedV1.type: {
      const d = event.data as D<typeof CohortCompletedV1>;
      return cohortWide(d.cohortId, 'CLOCK', 'completed', { week: d.weeks + 1, weeks: d.weeks, completed: true });
    }
    case CohortCancelledV1.type: {
      const d = event.data as D<typeof CohortCancelledV1>;
      return cohortWide(d.cohortId, 'COHORT_CANCELLED', '-', { reason: d.reason });
    }
    // cohorts: the intern's enrollment
    case InternEnrolledV1.type: {
      const d = event.data as D<typeof InternEnrolledV1>;
      return forIntern(d, 'ENROLLED', '-', { name: d.name, enrollmentId: d.enrollmentId });
    }
    case InternWithdrawnV1.type: {
      const d = event.data as D<typeof InternWithdrawnV1>;
      return forIntern(d, 'ENDED', 'WITHDRAWN', { reason: d.reason });
    }
    case InternTerminatedV1.type: {
      const d = event.data as D<typeof InternTerminatedV1>;
      return forIntern(d, 'ENDED', 'TERMINATED', { reason: d.reason });
    }
    case InternCompletedV1.type: {
      const d = event.data as D<typeof InternCompletedV1>;
      return forIntern(d, 'ENDED', 'COMPLETED', { outcome: d.outcome });
    }
    case InternshipExtendedV1.type: {
      const d = event.data as D<typeof InternshipExtendedV1>;
      return forIntern(d, 'EXTENDED', event.id, {
        weeks: d.weeks,
        totalExtensionWeeks: d.totalExtensionWeeks,
        source: d.source,
      });
    }
    case OnboardingTaskCompletedV1.type: {
      const d = event.data as D<typeof OnboardingTaskCompletedV1>;
      return forIntern(d, 'ONBOARDING_TASK', d.taskId, { title: d.title });
    }
    case OnboardingCompletedV1.type: {
      const d = event.data as D<typeof OnboardingCompletedV1>;
      return forIntern(d, 'ONBOARDING_DONE', '-');
    }
    case TechTalkScheduledV1.type: {
      const d = event.data as D<typeof TechTalkScheduledV1>;
      return cohortWide(d.cohortId, 'TALK', d.talkId, { title: d.title, startsAt: d.startsAt });
    }
    case TechTalkRsvpedV1.type: {
      const d = event.data as D<typeof TechTalkRsvpedV1>;
      return forIntern(d, 'TALK_RSVP', d.talkId);
    }
    case TechTalkAttendedV1.type: {
      // A talk counts as held once attendance was recorded for it: every intern's row changes.
      const d = event.data as D<typeof TechTalkAttendedV1>;
      return {
        cohortId: d.cohortId,
        internId: undefined,
        facts: [
          fact(d.cohortId, COHORT_WIDE, 'TALK_HELD', d.talkId),
          fact(d.cohortId, d.internId, 'TALK_ATTENDED', d.talkId),
        ],
      };
    }
    case PresentationSlotBookedV1.type: {
      const d = event.data as D<typeof PresentationSlotBookedV1>;
      return forIntern(d, 'SLOT_BOOKED', d.slotId, { startsAt: d.startsAt });
    }
    case PresentationBookingCancelledV1.type: {
      const d = event.data as D<typeof PresentationBookingCancelledV1>;
      return forIntern(d, 'SLOT_CANCELLED', d.slotId);
    }
    // mentors
    case MentorAssignedV1.type: {
      const d = event.data as D<typeof MentorAssignedV1>;
      return forIntern(d, 'ASSIGNED', d.assignmentId, { mentorId: d.mentorId, role: d.role, assignedAt: d.assignedAt });
    }
    case MentorUnassignedV1.type: {
      const d = event.data as D<typeof MentorUnassignedV1>;
      return forIntern(d, 'UNASSIGNED', d.assignmentId, { mentorId: d.mentorId, role: d.role });
    }
    case CheckInLoggedV1.type: {
      const d = event.data as D<typeof CheckInLoggedV1>;
      return forIntern(d, 'CHECK_IN', d.checkInId, {
        week: d.week,
        progress: d.progress,
        occurredOn: d.occurredOn,
        mentorId: d.mentorId,
      });
    }
    case CheckInMissedV1.type: {
      const d = event.data as D<typeof CheckInMissedV1>;
      return forIntern(d, 'CHECK_IN_MISSED', String(d.week), { week: d.week, mentorId: d.mentorId });
    }
    // scoping
    case ProjectScopeDraftedV1.type:
    case ProjectScopeSubmittedV1.type:
    case ProjectScopeChangesRequestedV1.type:
    case ProjectScopeApprovedV1.type: {
      const d = event.data as D<typeof ProjectScopeDraftedV1>;
      const status =
        event.type === ProjectScopeDraftedV1.type
          ? 'DRAFTED'
          : event.type === ProjectScopeSubmittedV1.type
            ? 'SUBMITTED'
            : event.type === ProjectScopeChangesRequestedV1.type
              ? 'CHANGES_REQUESTED'
              : 'APPROVED';
      const out = forIntern(d, 'SCOPE', `${d.projectId}:${d.version}:${status}`, {
        projectId: d.projectId,
        version: d.version,
        status,
      });
      if (event.type === ProjectScopeApprovedV1.type) {
        for (const m of (event.data as D<typeof ProjectScopeApprovedV1>).milestones) {
          out.facts.push(
            fact(d.cohortId, d.internId, 'MILESTONE', m.milestoneId, { title: m.title, dueWeek: m.dueWeek }),
          );
        }
      }
      return out;
    }
    case ProjectScopeOverdueV1.type: {
      const d = event.data as D<typeof ProjectScopeOverdueV1>;
      return forIntern(d, 'SCOPE_OVERDUE', String(d.dueWeek), { projectId: d.projectId, dueWeek: d.dueWeek });
    }
    case MilestoneReportSubmittedV1.type: {
      const d = event.data as D<typeof MilestoneReportSubmittedV1>;
      return forIntern(d, 'REPORT', d.reportId, { milestoneId: d.milestoneId, late: d.late, dueWeek: d.dueWeek });
    }
    case MilestoneReportReviewedV1.type: {
      const d = event.data as D<typeof MilestoneReportReviewedV1>;
      return forIntern(d, 'REPORT_REVIEWED', d.reportId, { milestoneId: d.milestoneId, decision: d.decision });
    }
    case MilestoneOverdueV1.type: {
      const d = event.data as D<typeof MilestoneOverdueV1>;
      return forIntern(d, 'MILESTONE_OVERDUE', d.milestoneId, { dueWeek: d.dueWeek });
    }
    // evaluations (this service's own events, consumed like any other)
    case EvaluationSubmittedV1.type: {
      const d = event.data as D<typeof EvaluationSubmittedV1>;
      return forIntern(d, 'EVALUATION', d.evaluationId, {
        kind: d.kind,
        cycle: d.cycle,
        averageScore: d.averageScore,
        authorId: d.authorId,
      });
    }
    case MidpointDecisionMadeV1.type: {
      const d = event.data as D<typeof MidpointDecisionMadeV1>;
      return forIntern(d, 'MIDPOINT_DECISION', '-', {
        decision: d.decision,
        extensionWeeks: d.extensionWeeks,
        mentorId: d.mentorId,
      });
    }
    case FinalOutcomeRecordedV1.type: {
      const d = event.data as D<typeof FinalOutcomeRecordedV1>;
      return forIntern(d, 'FINAL_OUTCOME', '-', {
        outcome: d.outcome,
        returnOffer: d.returnOffer,
        mentorId: d.mentorId,
      });
    }
    case PresentationScoredV1.type: {
      const d = event.data as D<typeof PresentationScoredV1>;
      return forIntern(d, 'PRESENTATION_SCORE', `${d.slotId}:${d.mentorId}`, { averageScore: d.averageScore });
    }
    case EvaluationOverdueV1.type: {
      const d = event.data as D<typeof EvaluationOverdueV1>;
      return forIntern(d, 'EVALUATION_OVERDUE', d.cycle, { missing: [...d.missing].sort() });
    }
    default:
      return undefined;
  }
}
