import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '#ddd';
import {
  deadlineAtEndOfWeek,
  scopeDeadline,
  weekEndDate,
  weekEndsAt,
  weekStartDate,
  type CohortCalendar,
} from './program-calendar.js';

const berlin: CohortCalendar = { cohortId: 'c-1', startDate: '2027-06-07', weeks: 12, timezone: 'Europe/Berlin' };

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).violations[0]?.field;
  }
  return undefined;
}

describe('program weeks', () => {
  it('run Monday to Sunday from the start date', () => {
    expect(weekStartDate('2027-06-07', 1)).toBe('2027-06-07');
    expect(weekEndDate('2027-06-07', 1)).toBe('2027-06-13');
    expect(weekStartDate('2027-06-07', 3)).toBe('2027-06-21');
    expect(weekEndDate('2027-06-07', 12)).toBe('2027-08-29');
    expect(weekEndDate('2027-12-20', 2)).toBe('2028-01-02');
  });

  it('end at local midnight after the Sunday, in the cohort’s zone', () => {
    expect(weekEndsAt(berlin, 2).toISOString()).toBe('2027-06-20T22:00:00.000Z');
    expect(weekEndsAt({ startDate: '2027-06-07', timezone: 'Asia/Kolkata' }, 2).toISOString()).toBe(
      '2027-06-20T18:30:00.000Z',
    );
    expect(weekEndsAt({ startDate: '2027-06-07', timezone: 'America/Los_Angeles' }, 2).toISOString()).toBe(
      '2027-06-21T07:00:00.000Z',
    );
  });

  it('follow daylight saving time changes inside the program', () => {
    // New York moves its clocks forward on 2027-03-14: week 1 ends in EST, week 2 in EDT.
    const ny = { startDate: '2027-03-01', timezone: 'America/New_York' };
    expect(weekEndsAt(ny, 1).toISOString()).toBe('2027-03-08T05:00:00.000Z');
    expect(weekEndsAt(ny, 2).toISOString()).toBe('2027-03-15T04:00:00.000Z');
  });
});

describe('scope deadline', () => {
  it('is the end of week 2', () => {
    const d = scopeDeadline(berlin);
    expect(d).toEqual({ week: 2, dueDate: '2027-06-20', dueAt: new Date('2027-06-20T22:00:00.000Z') });
  });

  it('moves with the intern’s extension weeks', () => {
    expect(scopeDeadline(berlin, 3)).toEqual({
      week: 5,
      dueDate: '2027-07-11',
      dueAt: new Date('2027-07-11T22:00:00.000Z'),
    });
    // An extended intern’s last week runs past the cohort’s own end.
    expect(deadlineAtEndOfWeek(berlin, 12, 5).dueDate).toBe('2027-10-03');
  });

  it('refuses extensions outside 0–5 weeks and weeks outside the program', () => {
    expect(fieldOf(() => scopeDeadline(berlin, 6))).toBe('extensionWeeks');
    expect(fieldOf(() => scopeDeadline(berlin, -1))).toBe('extensionWeeks');
    expect(fieldOf(() => deadlineAtEndOfWeek(berlin, 13))).toBe('week');
    expect(fieldOf(() => deadlineAtEndOfWeek(berlin, 0))).toBe('week');
  });

  it('refuses a calendar it cannot compute with', () => {
    expect(fieldOf(() => scopeDeadline({ ...berlin, timezone: 'Mars/Olympus' }))).toBe('timezone');
    expect(fieldOf(() => scopeDeadline({ ...berlin, startDate: '2027-02-30' }))).toBe('startDate');
  });
});
