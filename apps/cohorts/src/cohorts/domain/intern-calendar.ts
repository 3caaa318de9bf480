import { addDays, ValidationError, zonedTimeToInstant } from '#ddd';
import { CohortPhase, phaseOfWeek, type CalendarWeek, type KeyDates } from './calendar.js';

/** An intern's program may be extended by at most this many weeks in total (SPEC §2). */
export const MAX_EXTENSION_WEEKS = 5;

/** One extension as granted: `weeks` BUILD weeks inserted right after the intern's week `afterWeek`. */
export interface ExtensionGrant {
  weeks: number;
  afterWeek: number;
}

export interface InternCalendarWeek extends CalendarWeek {
  /** A week added by an extension (always BUILD). */
  extension: boolean;
}

/** An intern's own calendar: the cohort's, with their extensions inserted. */
export interface InternCalendar {
  weeks: InternCalendarWeek[];
  keyDates: KeyDates;
  /** The cohort's weeks plus the extension. */
  programWeeks: number;
  extensionWeeks: number;
}

/**
 * Where the weeks of an extension granted during the intern's week `currentWeek` go: right after
 * that week, so that every due date still ahead moves and none already behind does. Never before
 * week 3 (the first BUILD week: onboarding and the scope deadline stay where they are) and never
 * after the presentations week (an extension granted in the last week moves the presentations).
 */
export function extensionInsertionPoint(currentWeek: number, programWeeks: number): number {
  return Math.min(Math.max(currentWeek, 2), programWeeks - 1);
}

/**
 * The weeks of one extension as given: a whole number from 1 to 5 (field `weeks`). Input only:
 * the 5 weeks in total also depend on the weeks already granted (validateExtensionWeeks).
 */
export function validateExtensionWeeksInput(weeks: unknown): number {
  if (typeof weeks !== 'number' || !Number.isInteger(weeks) || weeks < 1 || weeks > MAX_EXTENSION_WEEKS) {
    throw ValidationError.field('weeks', `must be a whole number from 1 to ${MAX_EXTENSION_WEEKS}`);
  }
  return weeks;
}

/** Checks the weeks of a new extension against the 1–5 weeks in total rule (field `weeks`). */
export function validateExtensionWeeks(input: unknown, alreadyExtended: number): number {
  const weeks = validateExtensionWeeksInput(input);
  if (alreadyExtended + weeks > MAX_EXTENSION_WEEKS) {
    throw ValidationError.field(
      'weeks',
      `would extend the internship by ${alreadyExtended + weeks} weeks in total; at most ${MAX_EXTENSION_WEEKS} (already extended by ${alreadyExtended})`,
    );
  }
  return weeks;
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

/**
 * The week of the intern's own program in which something due in `cohortWeek` of the cohort's
 * program falls for them: later by the weeks of every extension inserted before it.
 */
export function internWeekOf(cohortWeek: number, cohortWeeks: number, grants: readonly ExtensionGrant[]): number {
  let week = cohortWeek;
  let length = cohortWeeks;
  for (const grant of grants) {
    const at = extensionInsertionPoint(grant.afterWeek, length);
    if (week > at) week += grant.weeks;
    length += grant.weeks;
  }
  return week;
}

/**
 * The calendar of an intern in a cohort starting on `startDate` in `timezone`, with their
 * extensions: the weeks stay consecutive Mondays (local midnight, DST-safe); extension weeks are
 * BUILD weeks inserted where they were granted, so the midpoint (when still ahead), the
 * presentations week, the final evaluations and the end of the program move by their length.
 */
export function internCalendar(
  startDate: string,
  cohortWeeks: number,
  timezone: string,
  grants: readonly ExtensionGrant[] = [],
): InternCalendar {
  const plan = internWeekPlan(cohortWeeks, grants);
  const weeks: InternCalendarWeek[] = plan.map(({ phase, extension }, i) => {
    const startsOn = addDays(startDate, i * 7);
    return {
      week: i + 1,
      startsOn,
      endsOn: addDays(startsOn, 6),
      startsAt: zonedTimeToInstant(startsOn, timezone),
      endsAt: zonedTimeToInstant(addDays(startsOn, 7), timezone),
      phase,
      extension,
    };
  });
  const last = weeks[weeks.length - 1]!;
  const midpoint = weeks.find((w) => w.phase === CohortPhase.MIDPOINT) ?? last;
  const scoping = weeks.filter((w) => w.phase === CohortPhase.SCOPING).at(-1) ?? weeks[Math.min(1, weeks.length - 1)]!;
  return {
    weeks,
    keyDates: {
      scopeDue: scoping.endsOn,
      midpointWindow: { startsOn: midpoint.startsOn, endsOn: midpoint.endsOn },
      presentationsWeek: { startsOn: last.startsOn, endsOn: last.endsOn },
      finalEvaluationsDue: last.endsOn,
      programEnd: last.endsOn,
    },
    programWeeks: weeks.length,
    extensionWeeks: weeks.length - cohortWeeks,
  };
}

/** The presentations week of a calendar (its last week) as a window of instants. */
export function presentationsWindow(calendar: { weeks: readonly CalendarWeek[] }): {
  startsOn: string;
  endsOn: string;
  startsAt: Date;
  endsAt: Date;
} {
  const last = calendar.weeks[calendar.weeks.length - 1]!;
  return { startsOn: last.startsOn, endsOn: last.endsOn, startsAt: last.startsAt, endsAt: last.endsAt };
}
