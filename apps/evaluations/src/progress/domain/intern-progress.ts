import type { EvaluationCycle } from '../../evaluations/domain/evaluation-window.js';

export type RiskLevel = 'GREEN' | 'AMBER' | 'RED';
export const RISK_LEVELS: readonly RiskLevel[] = ['GREEN', 'AMBER', 'RED'];

export type ProgressStatus = 'ENROLLED' | 'ONBOARDING' | 'ACTIVE' | 'COMPLETED' | 'WITHDRAWN' | 'TERMINATED';
export const PROGRESS_STATUSES: readonly ProgressStatus[] = [
  'ENROLLED',
  'ONBOARDING',
  'ACTIVE',
  'COMPLETED',
  'WITHDRAWN',
  'TERMINATED',
];

export type ScopeStatus = 'NOT_STARTED' | 'DRAFTED' | 'SUBMITTED' | 'CHANGES_REQUESTED' | 'APPROVED';
export const SCOPE_STATUSES: readonly ScopeStatus[] = [
  'NOT_STARTED',
  'DRAFTED',
  'SUBMITTED',
  'CHANGES_REQUESTED',
  'APPROVED',
];

export type CohortState = 'SCHEDULED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';

/** One intern's row of the progress read model: everything here is derived from events only. */
export interface InternProgress {
  cohortId: string;
  internId: string;
  name: string;
  enrollmentId: string;
  enrollmentStatus: ProgressStatus;
  cohort: {
    name: string | null;
    weeks: number | null;
    /** The last week the cohort clock opened (0 before the start, weeks + 1 after the end). */
    currentWeek: number;
    status: CohortState;
  };
  /** Weeks the intern's own program was extended by (0–5). */
  extensionWeeks: number;
  primaryMentorId: string | null;
  /** The intern's active mentors (primary first). */
  mentorIds: string[];
  onboarding: { done: boolean; tasksCompleted: number };
  scope: {
    projectId: string | null;
    status: ScopeStatus;
    version: number | null;
    approvedVersion: number | null;
    /** The scope deadline passed (ProjectScopeOverdue) and no version is approved. */
    overdue: boolean;
  };
  checkIns: {
    logged: number;
    /** Weeks reported missed (CheckInMissed) for which no check-in was logged afterwards. */
    missed: number;
    missedWeeks: number[];
    lastWeek: number | null;
    /** The progress of the latest check-ins, newest first (at most two). */
    recentProgress: string[];
  };
  milestoneReports: {
    onTime: number;
    late: number;
    /** Milestones reported overdue (MilestoneOverdue) without any report yet. */
    missing: number;
    missingMilestones: { milestoneId: string; title: string | null; dueWeek: number }[];
    accepted: number;
    revisionRequested: number;
  };
  talks: { scheduled: number; held: number; attended: number; rsvped: number };
  presentation: { slotId: string | null; scoreCount: number; averageScore: number | null };
  evaluations: {
    midpointDecision: string | null;
    midpointExtensionWeeks: number | null;
    /** The midpoint EXTEND the cohorts service could not apply (InternshipExtensionRefused), until corrected. */
    extensionRefused: { requestedWeeks: number; reason: string } | null;
    finalOutcome: string | null;
    returnOffer: string | null;
    mentorMidpointAverage: number | null;
    mentorFinalAverage: number | null;
    selfMidpointAverage: number | null;
    selfFinalAverage: number | null;
    overdue: { cycle: EvaluationCycle; missing: string[] }[];
  };
  /** The intern's own program has ended, no final outcome is recorded and they are still enrolled. */
  awaitingFinalOutcome: boolean;
  risk: { level: RiskLevel; reasons: string[] };
}

export type ProgressWithoutRisk = Omit<InternProgress, 'risk'>;

/** Rounds to two decimals (means shown to people). */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return round2(values.reduce((s, x) => s + x, 0) / values.length);
}
