import { CohortPhase, midpointWeek, phaseOfWeek, SCOPE_DUE_WEEK } from './phases.js';

/** An intern's program may be extended by at most this many weeks in total (SPEC §2). */
export const MAX_EXTENSION_WEEKS = 5;

/**
 * One extension as granted: `weeks` BUILD weeks inserted right after the intern's week
 * `afterWeek`. The cohorts service stores and publishes (InternshipExtended `extendedAfterWeek`)
 * the week already placed by extensionInsertionPoint.
 */
export interface ExtensionGrant {
  weeks: number;
  afterWeek: number;
}

/**
 * A grant as a consumer recorded it: `afterWeek` is null when the producer did not say (events
 * from before `extendedAfterWeek` existed); such an extension moves every week.
 */
export interface RecordedGrant {
  weeks: number;
  afterWeek: number | null;
}

/**
 * Where the weeks of an extension granted during the intern's week `currentWeek` go, in a
 * program `programWeeks` long at that point: right after that week, so that every due date
 * still ahead moves and none already behind does. Never before week 3 (the first BUILD week:
 * onboarding and the scope deadline stay where they are) and never after the presentations week
 * (an extension granted in the last week moves the presentations).
 */
export function extensionInsertionPoint(currentWeek: number, programWeeks: number): number {
  return Math.min(Math.max(currentWeek, SCOPE_DUE_WEEK), programWeeks - 1);
}

/** The weeks of all the grants together. */
export function totalExtensionWeeks(grants: readonly { weeks: number }[]): number {
  return grants.reduce((sum, g) => sum + g.weeks, 0);
}

/**
 * Moves `week` by every grant (in the order granted) inserted before it: by its weeks when
 * `week` lies after the grant's `afterWeek` (or always, when that is unknown). The grants are
 * placed ones, as the cohorts service publishes them; see internWeekOf for grants to place.
 */
export function shiftWeek(week: number, grants: readonly RecordedGrant[]): number {
  let shifted = week;
  for (const grant of grants) {
    if (grant.afterWeek === null || shifted > grant.afterWeek) shifted += grant.weeks;
  }
  return shifted;
}

/**
 * The week of the intern's own program in which something due in `cohortWeek` of the cohort's
 * program falls for them: later by the weeks of every extension inserted before it. Each grant is
 * placed (extensionInsertionPoint) in the program as long as it was then; placing a placed grant
 * again changes nothing. Intern week n and cohort week n are the same calendar week (extension
 * weeks are inserted, the weeks stay consecutive Mondays), so the cohort clock's week tells the
 * intern's week too.
 */
export function internWeekOf(cohortWeek: number, cohortWeeks: number, grants: readonly ExtensionGrant[]): number {
  let length = cohortWeeks;
  const placed = grants.map((grant) => {
    const afterWeek = extensionInsertionPoint(grant.afterWeek, length);
    length += grant.weeks;
    return { weeks: grant.weeks, afterWeek };
  });
  return shiftWeek(cohortWeek, placed);
}

/** The intern's scope due week: week 2, which no extension moves (they are inserted after it). */
export function scopeDueWeek(cohortWeeks: number, grants: readonly ExtensionGrant[]): number {
  return internWeekOf(SCOPE_DUE_WEEK, cohortWeeks, grants);
}

/** The intern's midpoint week: the cohort's, moved by the extensions inserted before it. */
export function internMidpointWeek(cohortWeeks: number, grants: readonly ExtensionGrant[]): number {
  return internWeekOf(midpointWeek(cohortWeeks), cohortWeeks, grants);
}

/** The intern's presentations week: the last week of their program. */
export function internPresentationsWeek(cohortWeeks: number, grants: readonly ExtensionGrant[]): number {
  return internWeekOf(cohortWeeks, cohortWeeks, grants);
}

/** The phase of each of the intern's weeks (index 0 = week 1) and whether it was added by an extension. */
export function internWeekPlan(
  cohortWeeks: number,
  grants: readonly ExtensionGrant[],
): { phase: CohortPhase; extension: boolean }[] {
  const plan = Array.from({ length: cohortWeeks }, (_, i) => ({
    phase: phaseOfWeek(i + 1, cohortWeeks),
    extension: false,
  }));
  for (const grant of grants) {
    const at = extensionInsertionPoint(grant.afterWeek, plan.length);
    plan.splice(at, 0, ...Array.from({ length: grant.weeks }, () => ({ phase: CohortPhase.BUILD, extension: true })));
  }
  return plan;
}
