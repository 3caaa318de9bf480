import type { DomainEvent } from '#ddd';
import type { ReviewDecision } from './milestone-report.js';

/** Who approved or sent back a scope, and in which capacity. */
export interface ScopeDeciderRef {
  id: string;
  role: 'MENTOR' | 'PROGRAM_MANAGER';
}

interface ProjectRef {
  projectId: string;
  internId: string;
  cohortId: string;
}

export interface ProjectScopeDrafted extends DomainEvent, ProjectRef {
  readonly name: 'ProjectScopeDrafted';
  version: number;
  title: string;
  /** An edit of a version still in DRAFT or CHANGES_REQUESTED (false: a new version). */
  edited: boolean;
}

export interface ProjectScopeSubmitted extends DomainEvent, ProjectRef {
  readonly name: 'ProjectScopeSubmitted';
  version: number;
  primaryMentorId: string | null;
}

export interface ProjectScopeChangesRequested extends DomainEvent, ProjectRef {
  readonly name: 'ProjectScopeChangesRequested';
  version: number;
  /** The intern's primary mentor at the time, null when there is none. */
  mentorId: string | null;
  requestedBy: ScopeDeciderRef;
  feedback: string;
}

export interface ProjectScopeApproved extends DomainEvent, ProjectRef {
  readonly name: 'ProjectScopeApproved';
  version: number;
  /** The intern's primary mentor at the time, null when there is none. */
  mentorId: string | null;
  approvedBy: ScopeDeciderRef;
  /** With the due weeks of the intern's calendar at approval. */
  milestones: { milestoneId: string; title: string; dueWeek: number }[];
}

export interface MilestoneReportSubmitted extends DomainEvent, ProjectRef {
  readonly name: 'MilestoneReportSubmitted';
  reportId: string;
  milestoneId: string;
  dueWeek: number;
  late: boolean;
  submittedAt: Date;
}

export interface MilestoneReportReviewed extends DomainEvent, ProjectRef {
  readonly name: 'MilestoneReportReviewed';
  reportId: string;
  milestoneId: string;
  mentorId: string;
  dueWeek: number;
  decision: ReviewDecision;
}

export type ProjectDomainEvent =
  ProjectScopeDrafted | ProjectScopeSubmitted | ProjectScopeChangesRequested | ProjectScopeApproved;

export type ReportDomainEvent = MilestoneReportSubmitted | MilestoneReportReviewed;
