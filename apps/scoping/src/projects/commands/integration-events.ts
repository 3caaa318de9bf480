import {
  MilestoneReportReviewedV1,
  MilestoneReportSubmittedV1,
  ProjectScopeApprovedV1,
  ProjectScopeChangesRequestedV1,
  ProjectScopeDraftedV1,
  ProjectScopeSubmittedV1,
  type EventContract,
} from '#contracts';
import { outgoing, type OutgoingEvent } from '#messaging';
import type { ProjectDomainEvent, ReportDomainEvent } from '../domain/project-events.js';

/**
 * Maps the context's domain events to the versioned integration events other contexts consume.
 * The subject (and Kafka key) is the project id, so that one project's events stay in order.
 * ProjectScopeDrafted announces a new version (1, or N+1 of an approved scope); edits of a version
 * still in DRAFT or CHANGES_REQUESTED stay inside the service (null).
 */
export function toIntegrationEvent(event: ProjectDomainEvent | ReportDomainEvent): OutgoingEvent<unknown> | null {
  const out = <T>(contract: EventContract<T>, data: T) =>
    outgoing(contract, event.projectId, data) as OutgoingEvent<unknown>;
  const ref = { projectId: event.projectId, cohortId: event.cohortId, internId: event.internId };
  switch (event.name) {
    case 'ProjectScopeDrafted':
      if (event.edited) return null;
      return out(ProjectScopeDraftedV1, { ...ref, version: event.version, title: event.title });
    case 'ProjectScopeSubmitted':
      return out(ProjectScopeSubmittedV1, { ...ref, version: event.version, primaryMentorId: event.primaryMentorId });
    case 'ProjectScopeChangesRequested':
      return out(ProjectScopeChangesRequestedV1, {
        ...ref,
        version: event.version,
        mentorId: event.mentorId,
        feedback: event.feedback,
      });
    case 'ProjectScopeApproved':
      return out(ProjectScopeApprovedV1, {
        ...ref,
        version: event.version,
        mentorId: event.mentorId,
        milestones: event.milestones,
      });
    case 'MilestoneReportSubmitted':
      return out(MilestoneReportSubmittedV1, {
        ...ref,
        reportId: event.reportId,
        milestoneId: event.milestoneId,
        dueWeek: event.dueWeek,
        late: event.late,
        submittedAt: event.submittedAt.toISOString(),
      });
    case 'MilestoneReportReviewed':
      return out(MilestoneReportReviewedV1, {
        ...ref,
        reportId: event.reportId,
        milestoneId: event.milestoneId,
        mentorId: event.mentorId,
        dueWeek: event.dueWeek,
        decision: event.decision,
      });
  }
}

export function toIntegrationEvents(events: (ProjectDomainEvent | ReportDomainEvent)[]): OutgoingEvent<unknown>[] {
  return events.map(toIntegrationEvent).filter((e): e is OutgoingEvent<unknown> => e !== null);
}
