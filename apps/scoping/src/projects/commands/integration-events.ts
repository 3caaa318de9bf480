import {
  MilestoneReportReviewedV1,
  MilestoneReportSubmittedV1,
  ProjectScopeApprovedV2,
  ProjectScopeChangesRequestedV2,
  ProjectScopeDraftedV1,
  ProjectScopeSubmittedV1,
  type EventContract,
} from '#contracts';
import { domainEventMapper, outgoing } from '#messaging';
import type { ProjectDomainEvent, ReportDomainEvent } from '../domain/project-events.js';

/**
 * The integration event of `contract` keyed by the project id (so that one project's events stay
 * in order), its data the contract's fields of the domain event: the compiler checks the event
 * carries every one of them, the contract's schema keeps only those (name, edited stay inside).
 */
const onProject =
  <T>(contract: EventContract<T>) =>
  (event: T & { projectId: string }) =>
    outgoing(contract, event.projectId, contract.schema.parse(event));

/**
 * Maps the context's domain events to the versioned integration events other contexts consume.
 * ProjectScopeDrafted announces a new version (1, or N+1 of an approved scope); edits of a version
 * still in DRAFT or CHANGES_REQUESTED stay inside the service (null).
 */
export const toIntegrationEvents = domainEventMapper<ProjectDomainEvent | ReportDomainEvent>({
  ProjectScopeDrafted: (event) => (event.edited ? null : onProject(ProjectScopeDraftedV1)(event)),
  ProjectScopeSubmitted: onProject(ProjectScopeSubmittedV1),
  ProjectScopeChangesRequested: onProject(ProjectScopeChangesRequestedV2),
  ProjectScopeApproved: onProject(ProjectScopeApprovedV2),
  MilestoneReportSubmitted: (event) =>
    onProject(MilestoneReportSubmittedV1)({ ...event, submittedAt: event.submittedAt.toISOString() }),
  MilestoneReportReviewed: onProject(MilestoneReportReviewedV1),
});
