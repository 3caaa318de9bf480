import { datesOfWeek, internMidpointWeek, internPresentationsWeek, type ExtensionGrant } from '#calendar';
import { ConflictError } from '#ddd';

/** The two evaluation cycles of the program (SPEC §2). */
export const EVALUATION_CYCLES = ['MIDPOINT', 'FINAL'] as const;
export type EvaluationCycle = (typeof EVALUATION_CYCLES)[number];

/** What the evaluations service knows of a cohort's calendar and clock (from the cohorts events). */
export interface CohortClock {
  cohortId: string;
  /** Monday of week 1 (YYYY-MM-DD, cohort timezone); null while unknown. */
  startDate: string | null;
  /** Program weeks of the cohort (10–22); null while unknown. */
  weeks: number | null;
  /**
   * The last week the cohort clock opened: 0 before the start, `weeks + 1` once the cohort has
   * completed (the clock never goes back).
   */
  currentWeek: number;
}

export type WindowStatus = 'UPCOMING' | 'OPEN' | 'CLOSED';

/** An intern's evaluation window: one week of their own program. */
export interface EvaluationWindow {
  cycle: EvaluationCycle;
  week: number;
  startsOn: string | null;
  endsOn: string | null;
  status: WindowStatus;
}

/**
 * The week of an intern's evaluation window: the midpoint week for MIDPOINT, the presentations
 * week (the last week of their program) for FINAL, both moved by the extensions granted before
 * them. An extension decided at the midpoint is inserted after the midpoint week, so it moves the
 * final window only.
 */
export function windowWeek(cycle: EvaluationCycle, cohortWeeks: number, grants: readonly ExtensionGrant[]): number {
  return cycle === 'MIDPOINT' ? internMidpointWeek(cohortWeeks, grants) : internPresentationsWeek(cohortWeeks, grants);
}

/** UPCOMING before the window's week, OPEN during it, CLOSED once the clock has moved past it. */
export function windowStatus(week: number, currentWeek: number): WindowStatus {
  if (currentWeek < week) return 'UPCOMING';
  return currentWeek === week ? 'OPEN' : 'CLOSED';
}

/** Both windows of an intern, or none while the cohort's length is unknown. */
export function evaluationWindows(clock: CohortClock, grants: readonly ExtensionGrant[]): EvaluationWindow[] {
  const weeks = clock.weeks;
  if (!weeks) return [];
  return EVALUATION_CYCLES.map((cycle) => evaluationWindow(cycle, { ...clock, weeks }, grants));
}

export function evaluationWindow(
  cycle: EvaluationCycle,
  clock: CohortClock & { weeks: number },
  grants: readonly ExtensionGrant[],
): EvaluationWindow {
  const week = windowWeek(cycle, clock.weeks, grants);
  const dates = clock.startDate ? datesOfWeek(clock.startDate, week) : null;
  return {
    cycle,
    week,
    startsOn: dates?.startsOn ?? null,
    endsOn: dates?.endsOn ?? null,
    status: windowStatus(week, clock.currentWeek),
  };
}

/** "the MIDPOINT evaluation window (week 6, 2027-07-12 – 2027-07-18)" */
export function describeWindow(window: Pick<EvaluationWindow, 'cycle' | 'week' | 'startsOn' | 'endsOn'>): string {
  const dates = window.startsOn && window.endsOn ? `, ${window.startsOn} – ${window.endsOn}` : '';
  return `the ${window.cycle} evaluation window (week ${window.week}${dates})`;
}

function clockPosition(clock: CohortClock): string {
  if (clock.currentWeek <= 0) return 'the cohort has not started yet';
  if (clock.weeks && clock.currentWeek > clock.weeks) return 'the cohort has completed its program';
  return `the cohort is in week ${clock.currentWeek}`;
}

/** An evaluation submitted (or edited) outside its window: the message names the window. */
export class EvaluationWindowNotOpenError extends ConflictError {
  constructor(
    readonly window: EvaluationWindow,
    subject: string,
    clock: CohortClock,
  ) {
    super(
      window.status === 'UPCOMING'
        ? `${describeWindow(window)} of ${subject} has not opened yet (${clockPosition(clock)}): evaluations of that cycle can be written from week ${window.week}`
        : `${describeWindow(window)} of ${subject} has closed (${clockPosition(clock)}): evaluations of that cycle can no longer be written or changed`,
    );
  }
}

/** Throws EvaluationWindowNotOpenError unless the window of `cycle` is open now; returns it. */
export function requireOpenWindow(
  cycle: EvaluationCycle,
  clock: CohortClock,
  grants: readonly ExtensionGrant[],
  subject: string,
): EvaluationWindow {
  const window = knownWindow(cycle, clock, grants, subject);
  if (window.status !== 'OPEN') throw new EvaluationWindowNotOpenError(window, subject, clock);
  return window;
}

/** The intern's window of `cycle`; CONFLICT while the cohort's calendar is unknown. */
function knownWindow(
  cycle: EvaluationCycle,
  clock: CohortClock,
  grants: readonly ExtensionGrant[],
  subject: string,
): EvaluationWindow {
  if (!clock.weeks) {
    throw new ConflictError(
      `the ${cycle} evaluation window of ${subject} is not known yet: the evaluations service has not seen the cohort's calendar`,
    );
  }
  return evaluationWindow(cycle, { ...clock, weeks: clock.weeks }, grants);
}

/**
 * Throws EvaluationWindowNotOpenError unless the window of `cycle` has opened (open now, or closed
 * since): when a program manager may record an evaluation on the mentor's behalf (SPEC §7).
 */
export function requireOpenedWindow(
  cycle: EvaluationCycle,
  clock: CohortClock,
  grants: readonly ExtensionGrant[],
  subject: string,
): EvaluationWindow {
  const window = knownWindow(cycle, clock, grants, subject);
  if (window.status === 'UPCOMING') throw new EvaluationWindowNotOpenError(window, subject, clock);
  return window;
}

/**
 * What changed for a window between two observations of the clock, as the announcements need it:
 * `opened` when it is open now and was not announced yet; `closed` when it had been open and the
 * clock has moved past it (an intern who joined after a window passed is not reminded of it).
 */
export function windowTransition(
  previous: { dueAnnounced: boolean; closeAnnounced: boolean } | undefined,
  now: WindowStatus,
): 'opened' | 'closed' | 'none' {
  if (now === 'OPEN' && !previous?.dueAnnounced) return 'opened';
  if (now === 'CLOSED' && previous?.dueAnnounced && !previous.closeAnnounced) return 'closed';
  return 'none';
}
