import { internScopeDueWeek, type ExtensionGrant } from '../../program/domain/program-calendar.js';
import { effectiveDueWeek, type ScopeVersionState } from './project.js';

/** What the deadline check knows of one intern of the cohort whose week just started. */
export interface InternDeadlineState {
  internId: string;
  cohortId: string;
  /** false once withdrawn or terminated: no more deadlines. */
  active: boolean;
  /** The intern's extensions, in the order granted. */
  grants: readonly ExtensionGrant[];
  project: {
    id: string;
    inForce: Pick<ScopeVersionState, 'version' | 'extensionGrantsSeen' | 'milestones'> | undefined;
  } | null;
  /** Milestones with an accepted report. */
  acceptedMilestoneIds: ReadonlySet<string>;
}

export type OverdueNotice =
  | { kind: 'SCOPE'; subject: string; internId: string; cohortId: string; projectId: string | null; dueWeek: number }
  | {
      kind: 'MILESTONE';
      subject: string;
      internId: string;
      cohortId: string;
      projectId: string;
      milestoneId: string;
      dueWeek: number;
    };

/** The once-only key of the scope deadline of an intern in a cohort. */
export function scopeNoticeSubject(cohortId: string, internId: string): string {
  return `${cohortId}/${internId}`;
}

/**
 * The deadlines of an intern that have passed once program week `endedWeek` is over (the cohort's
 * week `endedWeek + 1` started): the scope, when no version is approved by the end of the intern's
 * scope due week (week 2, moved by extensions inserted before it); and each milestone of the
 * version in force without an accepted report by the end of its due week (moved by extensions
 * granted after the version was written). Every passed deadline is returned, not only those of
 * `endedWeek`, so that a missed week is caught up; the caller emits each once (unique keys).
 */
export function overdueNotices(state: InternDeadlineState, endedWeek: number): OverdueNotice[] {
  if (!state.active) return [];
  const notices: OverdueNotice[] = [];
  const scopeDue = internScopeDueWeek(state.grants);
  if (scopeDue <= endedWeek && !state.project?.inForce) {
    notices.push({
      kind: 'SCOPE',
      subject: scopeNoticeSubject(state.cohortId, state.internId),
      internId: state.internId,
      cohortId: state.cohortId,
      projectId: state.project?.id ?? null,
      dueWeek: scopeDue,
    });
  }
  const inForce = state.project?.inForce;
  if (state.project && inForce) {
    for (const milestone of inForce.milestones) {
      const dueWeek = effectiveDueWeek(milestone, inForce, state.grants);
      if (dueWeek > endedWeek || state.acceptedMilestoneIds.has(milestone.id)) continue;
      notices.push({
        kind: 'MILESTONE',
        subject: milestone.id,
        internId: state.internId,
        cohortId: state.cohortId,
        projectId: state.project.id,
        milestoneId: milestone.id,
        dueWeek,
      });
    }
  }
  return notices;
}
