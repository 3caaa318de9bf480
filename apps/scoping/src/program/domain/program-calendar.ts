import { addDays, isIsoDate, isValidTimeZone, ValidationError, Violations, zonedTimeToInstant } from '#ddd';

/** What scoping knows of a cohort's calendar (from CohortScheduled). */
export interface CohortCalendar {
  cohortId: string;
  /** A Monday, in the cohort's timezone. */
  startDate: string;
  weeks: number;
  /** IANA zone, e.g. Europe/Berlin. */
  timezone: string;
}

/** The scope is due at the end of week 2 of the intern's own calendar (SPEC §2). */
export const SCOPE_DUE_WEEK = 2;
/** An intern's extensions add up to at most this many weeks. */
export const MAX_EXTENSION_WEEKS = 5;

export interface Deadline {
  /** The program week the deadline falls in (1-based). */
  week: number;
  /** The last day of that week, a local date in the cohort's timezone. */
  dueDate: string;
  /** The instant the deadline passes: midnight after `dueDate` in the cohort's timezone. */
  dueAt: Date;
}

/** The first day (Monday) of a program week. */
export function weekStartDate(startDate: string, week: number): string {
  return addDays(startDate, (week - 1) * 7);
}

/** The last day (Sunday) of a program week. */
export function weekEndDate(startDate: string, week: number): string {
  return addDays(startDate, week * 7 - 1);
}

/** The end of a program week (exclusive): the instant its Sunday ends in the cohort's timezone. */
export function weekEndsAt(cohort: Pick<CohortCalendar, 'startDate' | 'timezone'>, week: number): Date {
  return zonedTimeToInstant(addDays(cohort.startDate, week * 7), cohort.timezone);
}

function checkCalendar(cohort: CohortCalendar): void {
  new Violations()
    .check(isIsoDate(cohort.startDate), 'startDate', 'must be a date YYYY-MM-DD')
    .check(Number.isInteger(cohort.weeks) && cohort.weeks >= 1, 'weeks', 'must be a whole number of weeks')
    .check(isValidTimeZone(cohort.timezone), 'timezone', 'must be an IANA time zone')
    .throwIfAny();
}

/**
 * The deadline at the end of a week of an intern's own calendar: a program week shifted by the
 * intern's extension weeks (0–5 in total), which may run past the cohort's own last week.
 */
export function deadlineAtEndOfWeek(cohort: CohortCalendar, week: number, extensionWeeks = 0): Deadline {
  checkCalendar(cohort);
  if (!Number.isInteger(extensionWeeks) || extensionWeeks < 0 || extensionWeeks > MAX_EXTENSION_WEEKS) {
    throw ValidationError.field('extensionWeeks', `must be a whole number from 0 to ${MAX_EXTENSION_WEEKS}`);
  }
  if (!Number.isInteger(week) || week < 1 || week > cohort.weeks) {
    throw ValidationError.field('week', `must be a week of the program (1–${cohort.weeks})`);
  }
  const shifted = week + extensionWeeks;
  return { week: shifted, dueDate: weekEndDate(cohort.startDate, shifted), dueAt: weekEndsAt(cohort, shifted) };
}

/** When an intern's project scope is due: the end of week 2 of their calendar. */
export function scopeDeadline(cohort: CohortCalendar, extensionWeeks = 0): Deadline {
  return deadlineAtEndOfWeek(cohort, SCOPE_DUE_WEEK, extensionWeeks);
}

/**
 * One extension of an intern's program, as scoping learned it from InternshipExtended: `weeks`
 * inserted right after the intern's program week `afterWeek` (the event's `extendedAfterWeek`).
 * `afterWeek` is null when the producer did not say (events from before that field existed):
 * such an extension moves every due week of the intern, as the contract first described it.
 */
export interface ExtensionGrant {
  weeks: number;
  afterWeek: number | null;
}

/**
 * The week of the intern's own program in which something planned for `week` falls once the
 * `grants` (in the order they were granted) are applied: each grant moves it by its weeks when it
 * lies after the grant's insertion point. Intern week N and cohort week N are the same calendar
 * week (extension weeks are inserted, the weeks stay consecutive), so the cohort's clock still
 * tells when an intern's week ends.
 */
export function shiftedWeek(week: number, grants: readonly ExtensionGrant[]): number {
  let shifted = week;
  for (const grant of grants) {
    if (grant.afterWeek === null || shifted > grant.afterWeek) shifted += grant.weeks;
  }
  return shifted;
}

/** The total weeks of an intern's extensions. */
export function extensionWeeksOf(grants: readonly ExtensionGrant[]): number {
  return grants.reduce((sum, g) => sum + g.weeks, 0);
}

/** The intern's scope due week: program week 2, moved by any extension inserted before it. */
export function internScopeDueWeek(grants: readonly ExtensionGrant[]): number {
  return shiftedWeek(SCOPE_DUE_WEEK, grants);
}

/** The deadline at the end of a week of the intern's own program (extended weeks included). */
export function internDeadline(
  cohort: CohortCalendar,
  internWeek: number,
  grants: readonly ExtensionGrant[] = [],
): Deadline {
  checkCalendar(cohort);
  const programWeeks = cohort.weeks + extensionWeeksOf(grants);
  if (!Number.isInteger(internWeek) || internWeek < 1 || internWeek > programWeeks) {
    throw ValidationError.field('week', `must be a week of the intern’s program (1–${programWeeks})`);
  }
  return {
    week: internWeek,
    dueDate: weekEndDate(cohort.startDate, internWeek),
    dueAt: weekEndsAt(cohort, internWeek),
  };
}
