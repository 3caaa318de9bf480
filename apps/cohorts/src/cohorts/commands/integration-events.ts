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
  type EventContract,
} from '#contracts';
import { outgoing, type OutgoingEvent } from '#messaging';
import type { CohortDomainEvent } from '../domain/cohort-events.js';

/**
 * Maps the context's domain events to the versioned integration events other contexts consume.
 * The subject (and Kafka key) is always the cohort id, so that one cohort's events (its clock,
 * its enrollments, its talks and slots) stay in order on the topic.
 */
export function toIntegrationEvent(event: CohortDomainEvent): OutgoingEvent<unknown> {
  const out = <T>(contract: EventContract<T>, cohortId: string, data: T) =>
    outgoing(contract, cohortId, data) as OutgoingEvent<unknown>;
  switch (event.name) {
    case 'CohortScheduled': {
      const c = event.cohort;
      return out(CohortScheduledV1, c.id, {
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
    }
    case 'CohortCancelled':
      return out(CohortCancelledV1, event.cohortId, {
        cohortId: event.cohortId,
        reason: event.reason,
        cancelledBy: event.cancelledBy,
      });
    case 'InternEnrolled': {
      const e = event.enrollment;
      return out(InternEnrolledV1, e.cohortId, {
        enrollmentId: e.id,
        cohortId: e.cohortId,
        internId: e.internId,
        name: e.name,
        email: e.email,
        university: e.university,
        degreeLevel: e.degreeLevel,
        focusAreas: e.focusAreas,
        timezone: e.timezone,
      });
    }
    case 'CohortStarted':
      return out(CohortStartedV1, event.cohortId, {
        cohortId: event.cohortId,
        startDate: event.startDate,
        weeks: event.weeks,
        timezone: event.timezone,
        startedAt: event.startedAt.toISOString(),
      });
    case 'CohortWeekStarted':
      return out(CohortWeekStartedV1, event.cohortId, {
        cohortId: event.cohortId,
        week: event.week,
        startsOn: event.startsOn,
        endsOn: event.endsOn,
        phase: event.phase,
        weeks: event.weeks,
      });
    case 'CohortPhaseChanged':
      return out(CohortPhaseChangedV1, event.cohortId, {
        cohortId: event.cohortId,
        phase: event.phase,
        previousPhase: event.previousPhase,
        week: event.week,
      });
    case 'CohortCompleted':
      return out(CohortCompletedV1, event.cohortId, {
        cohortId: event.cohortId,
        completedAt: event.completedAt.toISOString(),
        weeks: event.weeks,
      });
    case 'InternWithdrawn':
      return out(InternWithdrawnV1, event.cohortId, {
        enrollmentId: event.enrollmentId,
        cohortId: event.cohortId,
        internId: event.internId,
        reason: event.reason,
        withdrawnBy: event.withdrawnBy,
      });
    case 'InternshipExtended':
      return out(InternshipExtendedV1, event.cohortId, {
        enrollmentId: event.enrollmentId,
        cohortId: event.cohortId,
        internId: event.internId,
        weeks: event.weeks,
        totalExtensionWeeks: event.totalExtensionWeeks,
        programWeeks: event.programWeeks,
        newEndDate: event.newEndDate,
        reason: event.reason,
        source: event.source,
        extendedAfterWeek: event.afterWeek,
        presentationsWeek: event.presentationsWeek,
        finalEvaluationsDue: event.finalEvaluationsDue,
      });
    case 'InternTerminated':
      return out(InternTerminatedV1, event.cohortId, {
        enrollmentId: event.enrollmentId,
        cohortId: event.cohortId,
        internId: event.internId,
        reason: event.reason,
      });
    case 'InternCompleted':
      return out(InternCompletedV1, event.cohortId, {
        enrollmentId: event.enrollmentId,
        cohortId: event.cohortId,
        internId: event.internId,
        outcome: event.outcome,
      });
    case 'OnboardingTaskCompleted':
      return out(OnboardingTaskCompletedV1, event.cohortId, {
        enrollmentId: event.enrollmentId,
        cohortId: event.cohortId,
        internId: event.internId,
        taskId: event.taskId,
        title: event.title,
        completedAt: event.completedAt.toISOString(),
      });
    case 'OnboardingCompleted':
      return out(OnboardingCompletedV1, event.cohortId, {
        enrollmentId: event.enrollmentId,
        cohortId: event.cohortId,
        internId: event.internId,
        completedAt: event.completedAt.toISOString(),
      });
    case 'TechTalkScheduled': {
      const t = event.talk;
      return out(TechTalkScheduledV1, t.cohortId, {
        talkId: t.id,
        cohortId: t.cohortId,
        title: t.title,
        speaker: t.speaker,
        startsAt: t.startsAt.toISOString(),
        durationMinutes: t.durationMinutes,
      });
    }
    case 'TechTalkRsvped':
      return out(TechTalkRsvpedV1, event.cohortId, {
        talkId: event.talkId,
        cohortId: event.cohortId,
        internId: event.internId,
      });
    case 'TechTalkAttended':
      return out(TechTalkAttendedV1, event.cohortId, {
        talkId: event.talkId,
        cohortId: event.cohortId,
        internId: event.internId,
      });
    case 'PresentationSlotOpened': {
      const s = event.slot;
      return out(PresentationSlotOpenedV1, s.cohortId, {
        slotId: s.id,
        cohortId: s.cohortId,
        startsAt: s.startsAt.toISOString(),
        durationMinutes: s.durationMinutes,
        panelMentorIds: s.panelMentorIds,
      });
    }
    case 'PresentationSlotBooked': {
      const s = event.slot;
      return out(PresentationSlotBookedV1, s.cohortId, {
        slotId: s.id,
        cohortId: s.cohortId,
        internId: event.internId,
        startsAt: s.startsAt.toISOString(),
        panelMentorIds: s.panelMentorIds,
      });
    }
    case 'PresentationBookingCancelled':
      return out(PresentationBookingCancelledV1, event.cohortId, {
        slotId: event.slotId,
        cohortId: event.cohortId,
        internId: event.internId,
      });
  }
}

export function toIntegrationEvents(events: CohortDomainEvent[]): OutgoingEvent<unknown>[] {
  return events.map(toIntegrationEvent);
}
