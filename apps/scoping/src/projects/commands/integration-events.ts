import {
  MilestoneReportReviewedV1,
  MilestoneReportSubmittedV1,
  ProjectScopeApprovedV1,
  ProjectScopeChangesRequestedV1,
  ProjectScopeDraftedV1,
  ProjectScopeSubmittedV1,
} from '#contracts';
import { domainEventMapper, outgoing } from '#messaging';
import type { ProjectDomainEvent, ReportDomainEvent } from '../domain/project-events.js';

/**
 * Maps the context's domain events to the versioned integration events other contexts consume.
 * The subject (and Kafka key) is the project id, so that one project's events stay in order.
 * ProjectScopeDrafted announces a new version (1, or N+1 of an approved scope); edits of a version
 * still in DRAFT or CHANGES_REQUESTED stay inside the service (null).
 */
const ref = (event: ProjectDomainEvent | ReportDomainEvent) => ({
  projectId: event.projectId,
  cohortId: event.cohortId,
  internId: event.internId,
});

export const toIntegrationEvents = domainEventMapper<ProjectDomainEvent | ReportDomainEvent>({
  ProjectScopeDrafted: (event) =>
    event.edited
      ? null
      : outgoing(ProjectScopeDraftedV1, event.projectId, { ...ref(event), version: event.version, title: event.title }),
  ProjectScopeSubmitted: (event) =>
    outgoing(ProjectScopeSubmittedV1, event.projectId, {
      ...ref(event),
      version: event.version,
      primaryMentorId: event.primaryMentorId,
    }),
  ProjectScopeChangesRequested: (event) =>
    outgoing(ProjectScopeChangesRequestedV1, event.projectId, {
      ...ref(event),
      version: event.version,
      mentorId: event.mentorId,
      feedback: event.feedback,
    }),
  ProjectScopeApproved: (event) =>
    outgoing(ProjectScopeApprovedV1, event.projectId, {
      ...ref(event),
      version: event.version,
      mentorId: event.mentorId,
      milestones: event.milestones,
    }),
  MilestoneReportSubmitted: (event) =>
    outgoing(MilestoneReportSubmittedV1, event.projectId, {
      ...ref(event),
      reportId: event.reportId,
      milestoneId: event.milestoneId,
      dueWeek: event.dueWeek,
      late: event.late,
      submittedAt: event.submittedAt.toISOString(),
    }),
  MilestoneReportReviewed: (event) =>
    outgoing(MilestoneReportReviewedV1, event.projectId, {
      ...ref(event),
      reportId: event.reportId,
      milestoneId: event.milestoneId,
      mentorId: event.mentorId,
      dueWeek: event.dueWeek,
      decision: event.decision,
    }),
});
