import { SCOPE_DUE_WEEK, shiftWeek, totalExtensionWeeks, weekEndsAt, weekEndsOn, type RecordedGrant } from '#calendar';
import { isIsoDate, isValidTimeZone, ValidationError, Violations } from '#ddd';

/** What scoping knows of a cohort's calendar (from CohortScheduled). */
export interface CohortCalendar {
  cohortId: string;
  /** A Monday, in the cohort's timezone. */
  startDate: string;
  weeks: number;
  /** IANA zone, e.g. Europe/Berlin. */
  timezone: string;
}

export interface Deadline {
  /** The program week the deadline falls in (1-based). */
  week: number;
  /** The last day of that week, a local date in the cohort's timezone. */
  dueDate: string;
  /** The instant the deadline passes: midnight after `dueDate` in the cohort's timezone. */
  dueAt: Date;
}

/**
 * One extension of an intern's program, as scoping learned it from InternshipExtended: `weeks`
 * inserted right after the intern's program week `afterWeek` (the event's `extendedAfterWeek`,
 * placed by the cohorts service). `afterWeek` is null when the producer did not say (events from
 * before that field existed): such an extension moves every due week of the intern, as the
 * contract first described it.
 */
export type ExtensionGrant = RecordedGrant;

function checkCalendar(cohort: CohortCalendar): void {
  new Violations()
    .check(isIsoDate(cohort.startDate), 'startDate', 'must be a date YYYY-MM-DD')
    .check(Number.isInteger(cohort.weeks) && cohort.weeks >= 1, 'weeks', 'must be a whole number of weeks')
    .check(isValidTimeZone(cohort.timezone), 'timezone', 'must be an IANA time zone')
    .throwIfAny();
}

/** The intern's scope due week: program week 2, moved by any extension inserted before it. */
export function internScopeDueWeek(grants: readonly ExtensionGrant[]): number {
  return shiftWeek(SCOPE_DUE_WEEK, grants);
}

/** The deadline at the end of a week of the intern's own program (extended weeks included). */
export function internDeadline(
  cohort: CohortCalendar,
  internWeek: number,
  grants: readonly ExtensionGrant[] = [],
): Deadline {
  checkCalendar(cohort);
  const programWeeks = cohort.weeks + totalExtensionWeeks(grants);
  if (!Number.isInteger(internWeek) || internWeek < 1 || internWeek > programWeeks) {
    throw ValidationError.field('week', `must be a week of the intern’s program (1–${programWeeks})`);
  }
  return {
    week: internWeek,
    dueDate: weekEndsOn(cohort.startDate, internWeek),
    dueAt: weekEndsAt(cohort.startDate, internWeek, cohort.timezone),
  };
}
