import { addDays, dateInZone, zonedTimeToInstant } from '#ddd';

/** Where a cohort stands in its program (SPEC §2). */
export enum CohortPhase {
  ONBOARDING = 'ONBOARDING',
  SCOPING = 'SCOPING',
  BUILD = 'BUILD',
  MIDPOINT = 'MIDPOINT',
  FINAL_PRESENTATIONS = 'FINAL_PRESENTATIONS',
  COMPLETED = 'COMPLETED',
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

export interface DateRange {
  startsOn: string;
  endsOn: string;
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

/** The week whose midpoint evaluations fall due: floor(weeks / 2), so 6 of 12, 5 of 10, 11 of 22. */
export function midpointWeek(weeks: number): number {
  return Math.floor(weeks / 2);
}

/**
 * The phase a week of a program of `weeks` weeks is in: week 1 ONBOARDING, week 2 SCOPING, the
 * midpoint week MIDPOINT, the last week FINAL_PRESENTATIONS, every other week BUILD; after the
 * last week, COMPLETED.
 */
export function phaseOfWeek(week: number, weeks: number): CohortPhase {
  if (week > weeks) return CohortPhase.COMPLETED;
  if (week <= 1) return CohortPhase.ONBOARDING;
  if (week === 2) return CohortPhase.SCOPING;
  if (week === weeks) return CohortPhase.FINAL_PRESENTATIONS;
  if (week === midpointWeek(weeks)) return CohortPhase.MIDPOINT;
  return CohortPhase.BUILD;
}

/**
 * The week-by-week calendar of a cohort starting on `startDate` (a Monday) in `timezone`.
 * Dates are calendar dates in the cohort's zone; instants are local midnights in that zone,
 * so that weeks that cross a DST change keep starting at midnight local time.
 */
export function cohortCalendar(startDate: string, weeks: number, timezone: string): CohortCalendar {
  const list: CalendarWeek[] = [];
  for (let week = 1; week <= weeks; week++) {
    const startsOn = addDays(startDate, (week - 1) * 7);
    const next = addDays(startsOn, 7);
    list.push({
      week,
      startsOn,
      endsOn: addDays(startsOn, 6),
      startsAt: zonedTimeToInstant(startsOn, timezone),
      endsAt: zonedTimeToInstant(next, timezone),
      phase: phaseOfWeek(week, weeks),
    });
  }
  const at = (week: number): CalendarWeek => list[week - 1]!;
  const last = at(weeks);
  const midpoint = at(midpointWeek(weeks));
  return {
    weeks: list,
    keyDates: {
      scopeDue: at(Math.min(2, weeks)).endsOn,
      midpointWindow: { startsOn: midpoint.startsOn, endsOn: midpoint.endsOn },
      presentationsWeek: { startsOn: last.startsOn, endsOn: last.endsOn },
      finalEvaluationsDue: last.endsOn,
      programEnd: last.endsOn,
    },
  };
}

/** The Monday that opens `week` (1-based) of a program starting on `startDate`. */
export function weekStartsOn(startDate: string, week: number): string {
  return addDays(startDate, (week - 1) * 7);
}

/** Local midnight of that Monday in `timezone`: the instant the week begins. */
export function weekStartsAt(startDate: string, week: number, timezone: string): Date {
  return zonedTimeToInstant(weekStartsOn(startDate, week), timezone);
}

/**
 * The program week an instant falls in, counted on calendar dates in the cohort's timezone:
 * 0 before the first Monday, 1 in the first week, and so on (past the last week too).
 */
export function weekAt(startDate: string, timezone: string, instant: Date): number {
  const today = dateInZone(instant, timezone);
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000);
  return days < 0 ? 0 : Math.floor(days / 7) + 1;
}
