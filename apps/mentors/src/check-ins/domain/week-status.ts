import type { CohortCalendar } from '../../cohorts/domain/cohort-calendar.js';

/**
 * Where an intern (or one of their mentor pairs) stands for one program week:
 * - CHECKED_IN: a check-in was logged for that week;
 * - MISSED: none was, and the missed check-in was detected when the next week started;
 * - DUE: it is the cohort's current week and none was logged yet;
 * - UPCOMING: the week has not started (or the cohort's clock has not started yet);
 * - NOT_EXPECTED: a past week with neither (no mentor was assigned then, for example).
 */
export const CHECK_IN_WEEK_STATES = ['CHECKED_IN', 'MISSED', 'DUE', 'UPCOMING', 'NOT_EXPECTED'] as const;
export type CheckInWeekState = (typeof CHECK_IN_WEEK_STATES)[number];

export function weekState(
  week: number,
  calendar: Pick<CohortCalendar, 'currentWeek'> | null,
  checkedIn: boolean,
  missed: boolean,
): CheckInWeekState {
  if (checkedIn) return 'CHECKED_IN';
  if (missed) return 'MISSED';
  const current = calendar?.currentWeek ?? null;
  if (current === null || week > current) return 'UPCOMING';
  if (week === current) return 'DUE';
  return 'NOT_EXPECTED';
}
