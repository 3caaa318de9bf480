import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '#ddd';
import { internDeadline, internScopeDueWeek, type CohortCalendar } from './program-calendar.js';

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

const scopeDeadline = (cohort: CohortCalendar, grants: { weeks: number; afterWeek: number | null }[] = []) =>
  internDeadline(cohort, internScopeDueWeek(grants), grants);

describe('deadlines at the end of an intern’s week', () => {
  it('end at local midnight after the Sunday, in the cohort’s zone', () => {
    expect(internDeadline(berlin, 2).dueAt.toISOString()).toBe('2027-06-20T22:00:00.000Z');
    expect(internDeadline({ ...berlin, timezone: 'Asia/Kolkata' }, 2).dueAt.toISOString()).toBe(
      '2027-06-20T18:30:00.000Z',
    );
    expect(internDeadline({ ...berlin, timezone: 'America/Los_Angeles' }, 2).dueAt.toISOString()).toBe(
      '2027-06-21T07:00:00.000Z',
    );
    expect(internDeadline({ ...berlin, startDate: '2027-12-20' }, 2).dueDate).toBe('2028-01-02');
  });

  it('follow daylight saving time changes inside the program', () => {
    // New York moves its clocks forward on 2027-03-14: week 1 ends in EST, week 2 in EDT.
    const ny = { ...berlin, startDate: '2027-03-01', timezone: 'America/New_York' };
    expect(internDeadline(ny, 1).dueAt.toISOString()).toBe('2027-03-08T05:00:00.000Z');
    expect(internDeadline(ny, 2).dueAt.toISOString()).toBe('2027-03-15T04:00:00.000Z');
  });
});

describe('scope deadline', () => {
  it('is the end of week 2', () => {
    expect(scopeDeadline(berlin)).toEqual({
      week: 2,
      dueDate: '2027-06-20',
      dueAt: new Date('2027-06-20T22:00:00.000Z'),
    });
  });

  it('moves with an extension inserted before it', () => {
    expect(scopeDeadline(berlin, [{ weeks: 3, afterWeek: null }])).toEqual({
      week: 5,
      dueDate: '2027-07-11',
      dueAt: new Date('2027-07-11T22:00:00.000Z'),
    });
    // An extended intern’s last week runs past the cohort’s own end.
    expect(internDeadline(berlin, 17, [{ weeks: 5, afterWeek: 6 }]).dueDate).toBe('2027-10-03');
  });

  it('refuses weeks outside the intern’s program', () => {
    expect(fieldOf(() => internDeadline(berlin, 13))).toBe('week');
    expect(fieldOf(() => internDeadline(berlin, 0))).toBe('week');
  });

  it('refuses a calendar it cannot compute with', () => {
    expect(fieldOf(() => scopeDeadline({ ...berlin, timezone: 'Mars/Olympus' }))).toBe('timezone');
    expect(fieldOf(() => scopeDeadline({ ...berlin, startDate: '2027-02-30' }))).toBe('startDate');
  });
});
