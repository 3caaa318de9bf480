import {
  CohortCancelledV1,
  CohortCompletedV1,
  CohortPhaseChangedV1,
  CohortScheduledV1,
  CohortStartedV1,
  CohortWeekStartedV1,
  InternCompletedV1,
  InternEnrolledV1,
  InternshipExtendedV1,
  InternTerminatedV1,
  InternWithdrawnV1,
  OnboardingCompletedV1,
  OnboardingTaskCompletedV1,
  PresentationBookingCancelledV1,
  PresentationSlotBookedV1,
  PresentationSlotOpenedV1,
  TechTalkAttendedV1,
  TechTalkRsvpedV1,
  TechTalkScheduledV1,
  TechTalkRescheduledV1,
  TechTalkCancelledV1,
  PresentationSlotClosedV1,
  CohortUpdatedV1,
  InternReinstatedV1,
  InternshipExtensionRevokedV1,
  InternshipExtensionRefusedV1,
  ReturnOfferDecidedV1,
  InternErasedV1,
} from '#contracts';
import { domainEventMapper, outgoing } from '#messaging';
import type { CohortDomainEvent } from '../domain/cohort-events.js';
import { internDetailsOf } from '../../enrollments/domain/enrollment.js';

/**
 * Maps the context's domain events to the versioned integration events other contexts consume.
 * The subject (and Kafka key) is always the cohort id, so that one cohort's events (its clock,
 * its enrollments, its talks and slots) stay in order on the topic.
 */
/** The enrollment an event is about, as every enrollment contract names it. */
const ofEnrollment = (e: { enrollmentId: string; cohortId: string; internId: string }) => ({
  enrollmentId: e.enrollmentId,
  cohortId: e.cohortId,
  internId: e.internId,
});

const ofTalk = (e: { talkId: string; cohortId: string; internId: string }) => ({
  talkId: e.talkId,
  cohortId: e.cohortId,
  internId: e.internId,
});

export const toIntegrationEvents = domainEventMapper<CohortDomainEvent>({
  CohortScheduled: (event) => {
    const c = event.cohort;
    return outgoing(CohortScheduledV1, c.id, {
      cohortId: c.id,
      name: c.name,
      startDate: c.startDate,
      weeks: c.weeks,
      timezone: c.timezone,
      location: c.location,
      workMode: c.workMode,
      capacity: c.capacity,
      scheduledBy: c.scheduledBy,
    });
  },
  CohortCancelled: (event) =>
    outgoing(CohortCancelledV1, event.cohortId, {
      cohortId: event.cohortId,
      reason: event.reason,
      cancelledBy: event.cancelledBy,
    }),
  InternEnrolled: (event) => {
    const e = event.enrollment;
    return outgoing(InternEnrolledV1, e.cohortId, {
      enrollmentId: e.id,
      cohortId: e.cohortId,
      ...internDetailsOf(e),
    });
  },
  CohortStarted: (event) =>
    outgoing(CohortStartedV1, event.cohortId, {
      cohortId: event.cohortId,
      startDate: event.startDate,
      weeks: event.weeks,
      timezone: event.timezone,
      startedAt: event.startedAt.toISOString(),
    }),
  CohortWeekStarted: (event) =>
    outgoing(CohortWeekStartedV1, event.cohortId, {
      cohortId: event.cohortId,
      week: event.week,
      startsOn: event.startsOn,
      endsOn: event.endsOn,
      phase: event.phase,
      weeks: event.weeks,
    }),
  CohortPhaseChanged: (event) =>
    outgoing(CohortPhaseChangedV1, event.cohortId, {
      cohortId: event.cohortId,
      phase: event.phase,
      previousPhase: event.previousPhase,
      week: event.week,
    }),
  CohortCompleted: (event) =>
    outgoing(CohortCompletedV1, event.cohortId, {
      cohortId: event.cohortId,
      completedAt: event.completedAt.toISOString(),
      weeks: event.weeks,
    }),
  InternWithdrawn: (event) =>
    outgoing(InternWithdrawnV1, event.cohortId, {
      ...ofEnrollment(event),
      reason: event.reason,
      withdrawnBy: event.withdrawnBy,
    }),
  InternshipExtended: (event) =>
    outgoing(InternshipExtendedV1, event.cohortId, {
      ...ofEnrollment(event),
      weeks: event.weeks,
      totalExtensionWeeks: event.totalExtensionWeeks,
      programWeeks: event.programWeeks,
      newEndDate: event.newEndDate,
      reason: event.reason,
      source: event.source,
      extendedAfterWeek: event.afterWeek,
      presentationsWeek: event.presentationsWeek,
      finalEvaluationsDue: event.finalEvaluationsDue,
    }),
  InternTerminated: (event) =>
    outgoing(InternTerminatedV1, event.cohortId, {
      ...ofEnrollment(event),
      reason: event.reason,
    }),
  InternCompleted: (event) =>
    outgoing(InternCompletedV1, event.cohortId, {
      ...ofEnrollment(event),
      outcome: event.outcome,
    }),
  OnboardingTaskCompleted: (event) =>
    outgoing(OnboardingTaskCompletedV1, event.cohortId, {
      ...ofEnrollment(event),
      taskId: event.taskId,
      title: event.title,
      completedAt: event.completedAt.toISOString(),
    }),
  OnboardingCompleted: (event) =>
    outgoing(OnboardingCompletedV1, event.cohortId, {
      ...ofEnrollment(event),
      completedAt: event.completedAt.toISOString(),
    }),
  TechTalkScheduled: (event) => {
    const t = event.talk;
    return outgoing(TechTalkScheduledV1, t.cohortId, {
      talkId: t.id,
      cohortId: t.cohortId,
      title: t.title,
      speaker: t.speaker,
      startsAt: t.startsAt.toISOString(),
      durationMinutes: t.durationMinutes,
    });
  },
  TechTalkRsvped: (event) => outgoing(TechTalkRsvpedV1, event.cohortId, ofTalk(event)),
  TechTalkAttended: (event) => outgoing(TechTalkAttendedV1, event.cohortId, ofTalk(event)),
  PresentationSlotOpened: (event) => {
    const s = event.slot;
    return outgoing(PresentationSlotOpenedV1, s.cohortId, {
      slotId: s.id,
      cohortId: s.cohortId,
      startsAt: s.startsAt.toISOString(),
      durationMinutes: s.durationMinutes,
      panelMentorIds: s.panelMentorIds,
    });
  },
  PresentationSlotBooked: (event) => {
    const s = event.slot;
    return outgoing(PresentationSlotBookedV1, s.cohortId, {
      slotId: s.id,
      cohortId: s.cohortId,
      internId: event.internId,
      startsAt: s.startsAt.toISOString(),
      panelMentorIds: s.panelMentorIds,
    });
  },
  PresentationBookingCancelled: (event) =>
    outgoing(PresentationBookingCancelledV1, event.cohortId, {
      slotId: event.slotId,
      cohortId: event.cohortId,
      internId: event.internId,
    }),
  TechTalkRescheduled: (event) => {
    const t = event.talk;
    return outgoing(TechTalkRescheduledV1, t.cohortId, {
      talkId: t.id,
      cohortId: t.cohortId,
      title: t.title,
      startsAt: t.startsAt.toISOString(),
      durationMinutes: t.durationMinutes,
      previousStartsAt: event.previousStartsAt.toISOString(),
      sequence: t.sequence,
      attendeeIds: event.attendeeIds,
      rescheduledBy: event.rescheduledBy,
    });
  },
  TechTalkCancelled: (event) => {
    const t = event.talk;
    return outgoing(TechTalkCancelledV1, t.cohortId, {
      talkId: t.id,
      cohortId: t.cohortId,
      title: t.title,
      startsAt: t.startsAt.toISOString(),
      reason: event.reason,
      sequence: t.sequence,
      attendeeIds: event.attendeeIds,
      cancelledBy: event.cancelledBy,
    });
  },
  PresentationSlotClosed: (event) => {
    const s = event.slot;
    return outgoing(PresentationSlotClosedV1, s.cohortId, {
      slotId: s.id,
      cohortId: s.cohortId,
      startsAt: s.startsAt.toISOString(),
      reason: event.reason,
      bookedInternId: event.bookedInternId,
      panelMentorIds: s.panelMentorIds,
      closedBy: event.closedBy,
    });
  },
  CohortUpdated: (event) => {
    const c = event.cohort;
    return outgoing(CohortUpdatedV1, c.id, {
      cohortId: c.id,
      name: c.name,
      startDate: c.startDate,
      weeks: c.weeks,
      timezone: c.timezone,
      location: c.location,
      workMode: c.workMode,
      capacity: c.capacity,
      changed: event.changed,
      updatedBy: event.updatedBy,
    });
  },
  InternReinstated: (event) =>
    outgoing(InternReinstatedV1, event.cohortId, {
      ...ofEnrollment(event),
      reason: event.reason,
      reinstatedBy: event.reinstatedBy,
    }),
  InternshipExtensionRevoked: (event) =>
    outgoing(InternshipExtensionRevokedV1, event.cohortId, {
      ...ofEnrollment(event),
      revokedWeeks: event.revokedWeeks,
      extensions: event.extensions,
      totalExtensionWeeks: event.totalExtensionWeeks,
      programWeeks: event.programWeeks,
      newEndDate: event.newEndDate,
      presentationsWeek: event.presentationsWeek,
      finalEvaluationsDue: event.finalEvaluationsDue,
      reason: event.reason,
    }),
  InternshipExtensionRefused: (event) =>
    outgoing(InternshipExtensionRefusedV1, event.cohortId, {
      cohortId: event.cohortId,
      internId: event.internId,
      evaluationId: event.evaluationId,
      mentorId: event.mentorId,
      requestedWeeks: event.requestedWeeks,
      totalExtensionWeeks: event.totalExtensionWeeks,
      reason: event.reason,
    }),
  ReturnOfferDecided: (event) =>
    outgoing(ReturnOfferDecidedV1, event.cohortId, {
      ...ofEnrollment(event),
      status: event.status,
      recommendation: event.recommendation,
      decidedAt: event.decidedAt.toISOString(),
      decidedBy: event.decidedBy,
    }),
  // Keyed by the intern: the erasure is about them, across every cohort they were in.
  InternErased: (event) =>
    outgoing(InternErasedV1, event.internId, {
      internId: event.internId,
      cohortIds: event.cohortIds,
      erasedAt: event.erasedAt.toISOString(),
      trigger: event.trigger,
    }),
});
