import { addDays, zonedTimeToInstant } from '#ddd';
import { weekEndsOn, weekStartsAt } from './week-dates.js';

/** Reminders fall due this many days before a deadline (SPEC §7). */
export const REMINDER_LEAD_DAYS = 2;

/**
 * When the reminder of a deadline at the end of program week `week` falls due: two days before the
 * deadline, in the cohort's local time. A week's deadline is the end of its last day, the Sunday
 * (the due date, `weekEndsOn`), i.e. local midnight after it; two local days before that is local
 * midnight at the start of the Saturday (`dueOn − 1 day`), leaving the Saturday and the Sunday.
 * Computed on local dates, so DST changes never shift it by an hour.
 */
export function reminderDueAt(startDate: string, week: number, timezone: string): Date {
  return zonedTimeToInstant(addDays(weekEndsOn(startDate, week), 1 - REMINDER_LEAD_DAYS), timezone);
}

/**
 * A cohort's "now" as its durable clock tells it: the wall clock, or the start of the week its
 * clock last announced when that is later (a sandbox clock advanced ahead of the wall clock).
 * `currentWeek` 0 (not started) adds nothing.
 */
export function cohortClockNow(
  wallClock: Date,
  cohort: { startDate: string; timezone: string; currentWeek: number },
): Date {
  if (cohort.currentWeek < 1) return wallClock;
  const weekStart = weekStartsAt(cohort.startDate, cohort.currentWeek, cohort.timezone);
  return weekStart.getTime() > wallClock.getTime() ? weekStart : wallClock;
}
