import { weekOfDate } from '#calendar';

export const COHORT_STATUSES = ['SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
export type CohortStatus = (typeof COHORT_STATUSES)[number];

/**
 * What this service knows of a cohort from the cohorts context's events: its calendar (weeks of
 * seven days from `startDate`, a Monday in the cohort's zone) and where its clock stands (the
 * last `CohortWeekStarted`).
 */
export interface CohortCalendar {
  cohortId: string;
  name: string | null;
  startDate: string;
  weeks: number;
  /** null when only week events were seen (no CohortScheduled/CohortStarted). */
  timezone: string | null;
  status: CohortStatus;
  currentWeek: number | null;
  currentWeekStartsOn: string | null;
  currentWeekEndsOn: string | null;
}

/**
 * The program week of a date for an intern of the cohort: null before week 1 and after the
 * intern's last week (the cohort's weeks plus the intern's own extension).
 */
export function programWeekOf(
  calendar: Pick<CohortCalendar, 'startDate' | 'weeks'>,
  date: string,
  extensionWeeks = 0,
): number | null {
  const week = weekOfDate(calendar.startDate, date);
  return week >= 1 && week <= calendar.weeks + extensionWeeks ? week : null;
}
