import type { EvaluationCycle } from '../../evaluations/domain/evaluation-window.js';
import { bool, byOccurrence, factsOf, latest, num, str, type Fact } from './facts.js';
import {
  mean,
  type CohortState,
  type InternProgress,
  type ProgressStatus,
  type ProgressWithoutRisk,
  type ScopeStatus,
} from './intern-progress.js';
import { assessRisk } from './risk-rules.js';

const ENDED_PRECEDENCE: ProgressStatus[] = ['COMPLETED', 'TERMINATED', 'WITHDRAWN'];

function cohortPart(cohortFacts: readonly Fact[]): ProgressWithoutRisk['cohort'] & { started: boolean } {
  const scheduled = latest(cohortFacts, 'COHORT_SCHEDULED');
  const started = latest(cohortFacts, 'COHORT_STARTED');
  const clock = factsOf(cohortFacts, 'CLOCK');
  const weeks =
    num(scheduled?.data.weeks) ??
    num(started?.data.weeks) ??
    clock.map((f) => num(f.data.weeks)).find((w): w is number => w !== null) ??
    null;
  const currentWeek = clock.reduce((max, f) => Math.max(max, num(f.data.week) ?? 0), 0);
  const completed = clock.some((f) => bool(f.data.completed));
  const status: CohortState = latest(cohortFacts, 'COHORT_CANCELLED')
    ? 'CANCELLED'
    : completed
      ? 'COMPLETED'
      : started || currentWeek >= 1
        ? 'IN_PROGRESS'
        : 'SCHEDULED';
  return { name: str(scheduled?.data.name), weeks, currentWeek, status, started: !!started || currentWeek >= 1 };
}

function mentorsPart(facts: readonly Fact[]): { primaryMentorId: string | null; mentorIds: string[] } {
  const unassigned = new Set(factsOf(facts, 'UNASSIGNED').map((f) => f.key));
  const active = factsOf(facts, 'ASSIGNED').filter((f) => !unassigned.has(f.key));
  const primaries = active
    .filter((f) => f.data.role === 'PRIMARY')
    .sort((a, b) => String(a.data.assignedAt).localeCompare(String(b.data.assignedAt)) || byOccurrence(a, b));
  const primaryMentorId = str(primaries.at(-1)?.data.mentorId);
  const others = [
    ...new Set(active.map((f) => str(f.data.mentorId)).filter((m): m is string => !!m && m !== primaryMentorId)),
  ].sort();
  return { primaryMentorId, mentorIds: primaryMentorId ? [primaryMentorId, ...others] : others };
}

function scopePart(facts: readonly Fact[]): ProgressWithoutRisk['scope'] {
  const scopes = factsOf(facts, 'SCOPE');
  const last = scopes.at(-1);
  const approved = scopes.filter((f) => f.data.status === 'APPROVED').map((f) => num(f.data.version) ?? 0);
  const approvedVersion = approved.length ? Math.max(...approved) : null;
  const overdue = factsOf(facts, 'SCOPE_OVERDUE').length > 0 && approvedVersion === null;
  return {
    projectId: str(last?.data.projectId),
    status: (str(last?.data.status) as ScopeStatus | null) ?? 'NOT_STARTED',
    version: num(last?.data.version),
    approvedVersion,
    overdue,
  };
}

function checkInsPart(facts: readonly Fact[]): ProgressWithoutRisk['checkIns'] {
  const logged = factsOf(facts, 'CHECK_IN').sort(
    (a, b) => String(a.data.occurredOn).localeCompare(String(b.data.occurredOn)) || byOccurrence(a, b),
  );
  const loggedWeeks = new Set(logged.map((f) => num(f.data.week)).filter((w): w is number => w !== null));
  const missedWeeks = [
    ...new Set(
      factsOf(facts, 'CHECK_IN_MISSED')
        .map((f) => num(f.data.week))
        .filter((w): w is number => w !== null),
    ),
  ]
    .filter((w) => !loggedWeeks.has(w))
    .sort((a, b) => a - b);
  const recent = logged.slice(-2).reverse();
  return {
    logged: logged.length,
    missed: missedWeeks.length,
    missedWeeks,
    lastWeek: num(recent[0]?.data.week),
    recentProgress: recent.map((f) => String(f.data.progress)),
  };
}

function milestonesPart(facts: readonly Fact[]): ProgressWithoutRisk['milestoneReports'] {
  const titles = new Map(factsOf(facts, 'MILESTONE').map((f) => [f.key, str(f.data.title)]));
  const reports = factsOf(facts, 'REPORT');
  const byMilestone = new Map<string, boolean[]>();
  for (const r of reports) {
    const id = str(r.data.milestoneId) ?? r.key;
    byMilestone.set(id, [...(byMilestone.get(id) ?? []), bool(r.data.late)]);
  }
  let onTime = 0;
  let late = 0;
  for (const lateFlags of byMilestone.values()) {
    if (lateFlags.some((l) => !l)) onTime++;
    else late++;
  }
  const missingMilestones = factsOf(facts, 'MILESTONE_OVERDUE')
    .filter((f) => !byMilestone.has(f.key))
    .map((f) => ({ milestoneId: f.key, title: titles.get(f.key) ?? null, dueWeek: num(f.data.dueWeek) ?? 0 }))
    .sort((a, b) => a.dueWeek - b.dueWeek || a.milestoneId.localeCompare(b.milestoneId));
  const reviews = factsOf(facts, 'REPORT_REVIEWED');
  return {
    onTime,
    late,
    missing: missingMilestones.length,
    missingMilestones,
    accepted: reviews.filter((f) => f.data.decision === 'ACCEPTED').length,
    revisionRequested: reviews.filter((f) => f.data.decision === 'REVISION_REQUESTED').length,
  };
}

function presentationPart(facts: readonly Fact[]): ProgressWithoutRisk['presentation'] {
  const cancelled = new Map(factsOf(facts, 'SLOT_CANCELLED').map((f) => [f.key, f]));
  const booked = factsOf(facts, 'SLOT_BOOKED').filter((f) => {
    const c = cancelled.get(f.key);
    return !c || byOccurrence(c, f) < 0;
  });
  const scores = factsOf(facts, 'PRESENTATION_SCORE')
    .map((f) => num(f.data.averageScore))
    .filter((s): s is number => s !== null);
  return { slotId: booked.at(-1)?.key ?? null, scoreCount: scores.length, averageScore: mean(scores) };
}

function evaluationsPart(facts: readonly Fact[]): ProgressWithoutRisk['evaluations'] {
  const evaluations = factsOf(facts, 'EVALUATION');
  const average = (kind: string, cycle: string): number | null =>
    num(evaluations.filter((f) => f.data.kind === kind && f.data.cycle === cycle).at(-1)?.data.averageScore);
  const midpoint = latest(facts, 'MIDPOINT_DECISION');
  const final = latest(facts, 'FINAL_OUTCOME');
  const overdue = factsOf(facts, 'EVALUATION_OVERDUE')
    .map((f) => ({
      cycle: f.key as EvaluationCycle,
      missing: (Array.isArray(f.data.missing) ? f.data.missing.map(String) : []).sort(),
    }))
    .sort((a, b) => (a.cycle === b.cycle ? 0 : a.cycle === 'MIDPOINT' ? -1 : 1));
  // A refusal of the EXTEND (InternshipExtensionRefused) stands until a later decision corrects it.
  const refused = latest(facts, 'EXTENSION_REFUSED');
  const extensionRefused =
    refused && midpoint?.data.decision === 'EXTEND' && byOccurrence(midpoint, refused) < 0
      ? { requestedWeeks: num(refused.data.requestedWeeks) ?? 0, reason: str(refused.data.reason) ?? '' }
      : null;
  return {
    midpointDecision: str(midpoint?.data.decision),
    extensionRefused,
    midpointExtensionWeeks: num(midpoint?.data.extensionWeeks),
    finalOutcome: str(final?.data.outcome),
    returnOffer: str(final?.data.returnOffer),
    mentorMidpointAverage: average('MENTOR', 'MIDPOINT'),
    mentorFinalAverage: average('MENTOR', 'FINAL'),
    selfMidpointAverage: average('SELF', 'MIDPOINT'),
    selfFinalAverage: average('SELF', 'FINAL'),
    overdue,
  };
}

function statusOf(facts: readonly Fact[], onboardingDone: boolean, cohortStarted: boolean): ProgressStatus {
  // A withdrawal a later reinstatement undid no longer ends the enrollment (InternReinstated).
  const reinstated = latest(facts, 'REINSTATED');
  const ended = new Set(
    factsOf(facts, 'ENDED')
      .filter((f) => !(f.key === 'WITHDRAWN' && reinstated && byOccurrence(f, reinstated) < 0))
      .map((f) => f.key),
  );
  const end = ENDED_PRECEDENCE.find((s) => ended.has(s));
  if (end) return end;
  if (onboardingDone) return 'ACTIVE';
  return cohortStarted ? 'ONBOARDING' : 'ENROLLED';
}

/**
 * An intern's progress row from the facts of their cohort (intern `*`) and their own: a pure
 * function of the two sets, so any order of consumption gives the same row. Undefined until the
 * intern's enrollment is known (facts about them may arrive first, from other topics).
 */
export function deriveProgress(cohortFacts: readonly Fact[], internFacts: readonly Fact[]): InternProgress | undefined {
  const enrolled = latest(internFacts, 'ENROLLED');
  if (!enrolled) return undefined;
  const { started, ...cohort } = cohortPart(cohortFacts);
  const onboardingDone = factsOf(internFacts, 'ONBOARDING_DONE').length > 0;
  const extensionWeeks = extensionWeeksOf(internFacts);
  const completed = factsOf(internFacts, 'ENDED').find((f) => f.key === 'COMPLETED');
  const evaluations = evaluationsPart(internFacts);
  if (!evaluations.finalOutcome && completed) evaluations.finalOutcome = str(completed.data.outcome);
  const row: ProgressWithoutRisk = {
    cohortId: enrolled.cohortId,
    internId: enrolled.internId,
    name: str(enrolled.data.name) ?? enrolled.internId,
    enrollmentId: str(enrolled.data.enrollmentId) ?? '',
    enrollmentStatus: statusOf(internFacts, onboardingDone, started),
    cohort,
    extensionWeeks,
    ...mentorsPart(internFacts),
    onboarding: { done: onboardingDone, tasksCompleted: factsOf(internFacts, 'ONBOARDING_TASK').length },
    scope: scopePart(internFacts),
    checkIns: checkInsPart(internFacts),
    milestoneReports: milestonesPart(internFacts),
    talks: {
      scheduled: factsOf(cohortFacts, 'TALK').length,
      held: factsOf(cohortFacts, 'TALK_HELD').length,
      attended: factsOf(internFacts, 'TALK_ATTENDED').length,
      rsvped: factsOf(internFacts, 'TALK_RSVP').length,
    },
    presentation: presentationPart(internFacts),
    evaluations,
    awaitingFinalOutcome: false,
  };
  row.awaitingFinalOutcome = isAwaitingFinalOutcome(row);
  return { ...row, risk: assessRisk(row) };
}

/**
 * The intern's total extension: the largest total an InternshipExtended told, unless a later
 * revocation (InternshipExtensionRevoked) set the list since; then its total, and the extensions
 * granted after it.
 */
function extensionWeeksOf(facts: readonly Fact[]): number {
  const set = latest(facts, 'EXTENSIONS_SET');
  const extended = factsOf(facts, 'EXTENDED').filter((f) => !set || byOccurrence(f, set) > 0);
  const totals = extended.map((f) => num(f.data.totalExtensionWeeks) ?? num(f.data.weeks) ?? 0);
  if (set) totals.push(num(set.data.totalExtensionWeeks) ?? 0);
  return totals.length ? Math.max(...totals) : 0;
}

/**
 * The intern's own program (their cohort's weeks and their extensions) has ended, no final outcome
 * is recorded and the enrollment is still running (SPEC §7): program managers are shown it.
 */
export function isAwaitingFinalOutcome(
  p: Pick<ProgressWithoutRisk, 'cohort' | 'extensionWeeks' | 'enrollmentStatus' | 'evaluations'>,
): boolean {
  if (!p.cohort.weeks || p.cohort.status === 'CANCELLED') return false;
  if (!['ENROLLED', 'ONBOARDING', 'ACTIVE'].includes(p.enrollmentStatus)) return false;
  return p.cohort.currentWeek > p.cohort.weeks + p.extensionWeeks && !p.evaluations.finalOutcome;
}
