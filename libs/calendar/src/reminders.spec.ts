import { describe, expect, it } from '@jest/globals';
import { cohortClockNow, reminderDueAt, weekEndsAt, weekStartsAt } from './index.js';

describe('reminders two days before a week’s deadline', () => {
  it('fall due at local midnight starting the Saturday of the due week (two days before the Sunday ends)', () => {
    // Week 2 of a cohort starting Monday 2027-06-07: Monday 14 to Sunday 20 June; the deadline is
    // local midnight after Sunday 20 (22:00Z in Berlin summer time), the reminder Saturday 19, 00:00.
    expect(reminderDueAt('2027-06-07', 2, 'Europe/Berlin').toISOString()).toBe('2027-06-18T22:00:00.000Z');
    expect(
      weekEndsAt('2027-06-07', 2, 'Europe/Berlin').getTime() -
        reminderDueAt('2027-06-07', 2, 'Europe/Berlin').getTime(),
    ).toBe(2 * 86_400_000);
    expect(reminderDueAt('2027-06-07', 2, 'America/Los_Angeles').toISOString()).toBe('2027-06-19T07:00:00.000Z');
  });

  it('stay at local midnight across a DST change (the two days are 47 or 49 hours then)', () => {
    // Europe/Berlin leaves summer time on Sunday 2027-10-31: Saturday 30 is at +02:00, Monday at +01:00.
    const start = '2027-10-04'; // week 4 is 25–31 October
    expect(reminderDueAt(start, 4, 'Europe/Berlin').toISOString()).toBe('2027-10-29T22:00:00.000Z');
    expect(weekEndsAt(start, 4, 'Europe/Berlin').getTime() - reminderDueAt(start, 4, 'Europe/Berlin').getTime()).toBe(
      49 * 3_600_000,
    );
  });
});

describe('a cohort’s clock now', () => {
  const cohort = { startDate: '2027-06-07', timezone: 'Europe/Berlin' };

  it('is the wall clock before the start and while the clock is behind it', () => {
    const wall = new Date('2027-06-16T10:00:00Z');
    expect(cohortClockNow(wall, { ...cohort, currentWeek: 0 })).toBe(wall);
    expect(cohortClockNow(wall, { ...cohort, currentWeek: 2 })).toBe(wall);
  });

  it('is the start of the announced week when a sandbox clock ran ahead of the wall clock', () => {
    const wall = new Date('2026-12-06T10:00:00Z');
    expect(cohortClockNow(wall, { ...cohort, currentWeek: 3 })).toEqual(weekStartsAt('2027-06-07', 3, 'Europe/Berlin'));
  });
});
