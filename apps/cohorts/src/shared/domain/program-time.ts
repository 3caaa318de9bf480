import { programEndsAt } from '#calendar';
import type { CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { later } from './instants.js';

/** A cohort's "now": the wall clock, or the instant its clock was advanced to in sandbox mode. */
export function programTime(cohort: Pick<CohortSnapshot, 'clockAt'>, now: Date): Date {
  return later(now, cohort.clockAt);
}

/** The instant a cohort's program ends: local midnight after the last day of its last week. */
export function cohortEndsAt(cohort: Pick<CohortSnapshot, 'startDate' | 'weeks' | 'timezone'>): Date {
  return programEndsAt(cohort.startDate, cohort.weeks, cohort.timezone);
}
