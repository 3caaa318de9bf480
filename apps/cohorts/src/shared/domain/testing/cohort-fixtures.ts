import { expect } from '@jest/globals';
import { ValidationError } from '#ddd';
import { Cohort, WorkMode, type CohortSnapshot, type ScheduleCohortProps } from '../../../cohorts/domain/cohort.js';

/** Summer 2027: Monday 7 June, 12 weeks, Europe/Berlin (local midnight is 22:00Z the day before in summer). */
export const COHORT: ScheduleCohortProps = {
  name: 'Summer 2027',
  startDate: '2027-06-07',
  weeks: 12,
  timezone: 'Europe/Berlin',
  location: 'Berlin',
  workMode: WorkMode.HYBRID,
  capacity: 10,
};

/** A Thursday, a little before the summer cohort starts. */
export const NOW = new Date('2027-05-20T10:00:00Z');

/**
 * The domain specs' cohort, scheduled at NOW: 12 weeks from Monday 2027-06-07 in Europe/Berlin,
 * so its presentations week is 2027-08-23..29 (CEST, UTC+2).
 */
export const summerCohort: CohortSnapshot = Cohort.schedule(
  { ...COHORT, name: 'Summer' },
  { id: '00000000-0000-4000-8000-0000000000c1', now: NOW, scheduledBy: 'pm' },
).toSnapshot();

/** The violations of the ValidationError that `fn` throws, field → message (fails when it throws none). */
export function violationsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return Object.fromEntries((err as ValidationError).violations.map((v) => [v.field, v.message]));
  }
  throw new Error('expected a ValidationError');
}
