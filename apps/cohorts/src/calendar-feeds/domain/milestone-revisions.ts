/**
 * The milestones of an intern's approved scope as their calendar shows them. Each approval
 * (ProjectScopeApproved v1/v2, a newer `version` of the project) replaces the list: a milestone
 * whose due week or title changed is raised one SEQUENCE (its UID kept), one the approval no
 * longer lists stays `removed` (shown cancelled) one SEQUENCE later, one listed again comes back one
 * SEQUENCE later. An approval of a version not newer than the one applied changes nothing (a
 * redelivery, or an older approval arriving late).
 */
export interface CalendarMilestone {
  milestoneId: string;
  projectId: string;
  cohortId: string;
  internId: string;
  title: string;
  dueWeek: number;
  scopeVersion: number;
  sequence: number;
  removed: boolean;
}

export interface ApprovedScope {
  projectId: string;
  cohortId: string;
  internId: string;
  version: number;
  milestones: readonly { milestoneId: string; title: string; dueWeek: number }[];
}

/** The rows to write for an approval, given the project's rows so far; [] when nothing changes. */
export function applyApproval(existing: readonly CalendarMilestone[], approval: ApprovedScope): CalendarMilestone[] {
  const applied = Math.max(0, ...existing.map((m) => m.scopeVersion));
  if (approval.version <= applied) return [];
  const before = new Map(existing.map((m) => [m.milestoneId, m]));
  const listed = new Set<string>();
  const out: CalendarMilestone[] = [];
  for (const m of approval.milestones) {
    if (listed.has(m.milestoneId)) continue;
    listed.add(m.milestoneId);
    const old = before.get(m.milestoneId);
    const changed = !old || old.removed || old.dueWeek !== m.dueWeek || old.title !== m.title;
    out.push({
      milestoneId: m.milestoneId,
      projectId: approval.projectId,
      cohortId: approval.cohortId,
      internId: approval.internId,
      title: m.title,
      dueWeek: m.dueWeek,
      scopeVersion: approval.version,
      sequence: old ? old.sequence + (changed ? 1 : 0) : 0,
      removed: false,
    });
  }
  for (const old of existing) {
    if (listed.has(old.milestoneId)) continue;
    out.push({
      ...old,
      scopeVersion: approval.version,
      sequence: old.removed ? old.sequence : old.sequence + 1,
      removed: true,
    });
  }
  return out;
}
