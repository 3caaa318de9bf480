import { addDays, dateInZone, zonedTimeToInstant } from '#ddd';

/**
 * The dates of program weeks. A program starts on `startDate`, a Monday (YYYY-MM-DD) in the
 * cohort's IANA time zone; week 1 is that Monday to the Sunday after, and every week after it is
 * the next seven calendar days. Dates are calendar dates in the cohort's zone; instants are local
 * midnights in that zone, so a week across a DST change is 167 or 169 hours long.
 */

const DAY_MS = 86_400_000;

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The Monday that opens `week` (1-based). */
export function weekStartsOn(startDate: string, week: number): string {
  return addDays(startDate, (week - 1) * 7);
}

/** The Sunday that closes `week` (inclusive): the next week starts the day after. */
export function weekEndsOn(startDate: string, week: number): string {
  return addDays(startDate, week * 7 - 1);
}

/** Monday to Sunday of a program week. */
export function datesOfWeek(startDate: string, week: number): { startsOn: string; endsOn: string } {
  return { startsOn: weekStartsOn(startDate, week), endsOn: weekEndsOn(startDate, week) };
}

/** Local midnight of the week's Monday in `timezone`: the instant the week begins. */
export function weekStartsAt(startDate: string, week: number, timezone: string): Date {
  return zonedTimeToInstant(weekStartsOn(startDate, week), timezone);
}

/** Local midnight after the week's Sunday in `timezone` (exclusive end): when a deadline at its end passes. */
export function weekEndsAt(startDate: string, week: number, timezone: string): Date {
  return weekStartsAt(startDate, week + 1, timezone);
}

/** The program week a calendar date falls in: 1 for the week of `startDate`, 0 or less before it. */
export function weekOfDate(startDate: string, date: string): number {
  return Math.floor(daysBetween(startDate, date) / 7) + 1;
}

/**
 * The program week an instant falls in, counted on calendar dates in the cohort's time zone:
 * 0 before the first Monday, 1 in the first week, and so on (past the last week too).
 */
export function weekAt(startDate: string, timezone: string, instant: Date): number {
  return Math.max(0, weekOfDate(startDate, dateInZone(instant, timezone)));
}
