import { internWeekPlan, type ExtensionGrant } from './extensions.js';
import { CohortPhase, midpointWeek, phaseOfWeek, SCOPE_DUE_WEEK } from './phases.js';
import { weekEndsAt, weekEndsOn, weekStartsAt, weekStartsOn } from './week-dates.js';

export interface DateRange {
  startsOn: string;
  endsOn: string;
}

export interface CalendarWeek {
  week: number;
  /** Monday of the week, a calendar date in the cohort's timezone. */
  startsOn: string;
  /** Sunday of the week (inclusive): the next week starts the day after. */
  endsOn: string;
  /** Local midnight of `startsOn` in the cohort's timezone. */
  startsAt: Date;
  /** Local midnight after `endsOn` (exclusive end): a week across a DST change is 167 or 169 hours long. */
  endsAt: Date;
  phase: CohortPhase;
}

/** A week as a window of dates and of instants (local midnights, the end exclusive). */
export interface WeekWindow extends DateRange {
  startsAt: Date;
  endsAt: Date;
}

export interface KeyDates {
  /** End of week 2: the project scope is due. */
  scopeDue: string;
  /** The midpoint week, when midpoint evaluations are written. */
  midpointWindow: DateRange;
  /** The last week: final presentations. */
  presentationsWeek: DateRange;
  /** End of the last week. */
  finalEvaluationsDue: string;
  /** The last day of the program. */
  programEnd: string;
}

export interface CohortCalendar {
  weeks: CalendarWeek[];
  keyDates: KeyDates;
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

/** One week of a program starting on `startDate` in `timezone`. */
function calendarWeek(startDate: string, week: number, timezone: string, phase: CohortPhase): CalendarWeek {
  return {
    week,
    startsOn: weekStartsOn(startDate, week),
    endsOn: weekEndsOn(startDate, week),
    startsAt: weekStartsAt(startDate, week, timezone),
    endsAt: weekEndsAt(startDate, week, timezone),
    phase,
  };
}

const range = (week: CalendarWeek): DateRange => ({ startsOn: week.startsOn, endsOn: week.endsOn });

function keyDates(scoping: CalendarWeek, midpoint: CalendarWeek, last: CalendarWeek): KeyDates {
  return {
    scopeDue: scoping.endsOn,
    midpointWindow: range(midpoint),
    presentationsWeek: range(last),
    finalEvaluationsDue: last.endsOn,
    programEnd: last.endsOn,
  };
}

/**
 * The week-by-week calendar of a cohort starting on `startDate` (a Monday) in `timezone`.
 * Dates are calendar dates in the cohort's zone; instants are local midnights in that zone,
 * so that weeks that cross a DST change keep starting at midnight local time.
 */
export function cohortCalendar(startDate: string, weeks: number, timezone: string): CohortCalendar {
  const list = Array.from({ length: weeks }, (_, i) =>
    calendarWeek(startDate, i + 1, timezone, phaseOfWeek(i + 1, weeks)),
  );
  const at = (week: number): CalendarWeek => list[week - 1]!;
  return { weeks: list, keyDates: keyDates(at(Math.min(SCOPE_DUE_WEEK, weeks)), at(midpointWeek(weeks)), at(weeks)) };
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
  const weeks: InternCalendarWeek[] = internWeekPlan(cohortWeeks, grants).map(({ phase, extension }, i) => ({
    ...calendarWeek(startDate, i + 1, timezone, phase),
    extension,
  }));
  const last = weeks[weeks.length - 1]!;
  const midpoint = weeks.find((w) => w.phase === CohortPhase.MIDPOINT) ?? last;
  const scoping = weeks.filter((w) => w.phase === CohortPhase.SCOPING).at(-1) ?? weeks[Math.min(1, weeks.length - 1)]!;
  return {
    weeks,
    keyDates: keyDates(scoping, midpoint, last),
    programWeeks: weeks.length,
    extensionWeeks: weeks.length - cohortWeeks,
  };
}

/** The presentations week of a calendar (its last week) as a window of instants. */
export function presentationsWindow(calendar: { weeks: readonly CalendarWeek[] }): WeekWindow {
  const last = calendar.weeks[calendar.weeks.length - 1]!;
  return { startsOn: last.startsOn, endsOn: last.endsOn, startsAt: last.startsAt, endsAt: last.endsAt };
}

/** The instant a program of `programWeeks` weeks ends: local midnight after the last day of its last week. */
export function programEndsAt(startDate: string, programWeeks: number, timezone: string): Date {
  return weekEndsAt(startDate, programWeeks, timezone);
}
