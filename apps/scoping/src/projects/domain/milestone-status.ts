import { ReportStatus, type ReportState } from './milestone-report.js';

/** Where a milestone stands, from its latest report. */
export enum MilestoneStatus {
  /** No report yet. */
  OPEN = 'OPEN',
  /** A report awaits a mentor's review. */
  IN_REVIEW = 'IN_REVIEW',
  /** The latest report was sent back: the intern resubmits. */
  REVISION_REQUESTED = 'REVISION_REQUESTED',
  ACCEPTED = 'ACCEPTED',
}

export function milestoneStatus(reports: readonly Pick<ReportState, 'status' | 'attempt'>[]): MilestoneStatus {
  if (reports.some((r) => r.status === ReportStatus.ACCEPTED)) return MilestoneStatus.ACCEPTED;
  const last = [...reports].sort((a, b) => a.attempt - b.attempt).at(-1);
  if (!last) return MilestoneStatus.OPEN;
  return last.status === ReportStatus.SUBMITTED ? MilestoneStatus.IN_REVIEW : MilestoneStatus.REVISION_REQUESTED;
}
