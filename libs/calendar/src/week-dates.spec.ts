import { describe, expect, it } from '@jest/globals';
import {
  datesOfWeek,
  daysBetween,
  programEndsAt,
  weekAt,
  weekEndsAt,
  weekEndsOn,
  weekOfDate,
  weekStartsAt,
  weekStartsOn,
} from './index.js';

const HOUR = 3_600_000;

describe('week dates', () => {
  it('run Monday to Sunday from the start date, across month and year ends', () => {
    expect(datesOfWeek('2027-06-07', 1)).toEqual({ startsOn: '2027-06-07', endsOn: '2027-06-13' });
    expect(weekStartsOn('2027-06-07', 3)).toBe('2027-06-21');
    expect(weekEndsOn('2027-06-07', 12)).toBe('2027-08-29');
    expect(weekEndsOn('2027-12-20', 2)).toBe('2028-01-02');
    expect(datesOfWeek('2028-02-21', 2)).toEqual({ startsOn: '2028-02-28', endsOn: '2028-03-05' }); // leap year
    for (let week = 1; week <= 27; week++) {
      expect(daysBetween(weekStartsOn('2027-06-07', week), weekEndsOn('2027-06-07', week))).toBe(6);
      expect(daysBetween(weekEndsOn('2027-06-07', week), weekStartsOn('2027-06-07', week + 1))).toBe(1);
    }
  });

  it('start and end at local midnight in the cohort’s zone, whatever its offset', () => {
    expect(weekEndsAt('2027-06-07', 2, 'Europe/Berlin').toISOString()).toBe('2027-06-20T22:00:00.000Z');
    expect(weekEndsAt('2027-06-07', 2, 'Asia/Kolkata').toISOString()).toBe('2027-06-20T18:30:00.000Z');
    expect(weekEndsAt('2027-06-07', 2, 'America/Los_Angeles').toISOString()).toBe('2027-06-21T07:00:00.000Z');
    expect(weekStartsAt('2027-06-07', 1, 'Asia/Kathmandu').toISOString()).toBe('2027-06-06T18:15:00.000Z');
    expect(weekStartsAt('2027-06-07', 1, 'Pacific/Kiritimati').toISOString()).toBe('2027-06-06T10:00:00.000Z');
    expect(weekStartsAt('2027-06-07', 1, 'UTC').toISOString()).toBe('2027-06-07T00:00:00.000Z');
    // A week ends when the next starts.
    for (let week = 1; week <= 22; week++) {
      expect(weekEndsAt('2027-06-07', week, 'Asia/Kolkata')).toEqual(
        weekStartsAt('2027-06-07', week + 1, 'Asia/Kolkata'),
      );
    }
  });

  it('keep local midnight across DST changes in both hemispheres (167- and 169-hour weeks)', () => {
    const length = (start: string, week: number, zone: string) =>
      (weekEndsAt(start, week, zone).getTime() - weekStartsAt(start, week, zone).getTime()) / HOUR;
    // New York springs forward on Sunday 2027-03-14: week 2 of a program from 2027-03-01.
    expect(length('2027-03-01', 2, 'America/New_York')).toBe(167);
    expect(weekEndsAt('2027-03-01', 1, 'America/New_York').toISOString()).toBe('2027-03-08T05:00:00.000Z');
    expect(weekEndsAt('2027-03-01', 2, 'America/New_York').toISOString()).toBe('2027-03-15T04:00:00.000Z');
    // Berlin falls back on Sunday 2027-10-31.
    expect(length('2027-10-25', 1, 'Europe/Berlin')).toBe(169);
    // Sydney springs forward on Sunday 2027-10-03 and falls back on Sunday 2027-04-04.
    expect(length('2027-09-27', 1, 'Australia/Sydney')).toBe(167);
    expect(length('2027-03-29', 1, 'Australia/Sydney')).toBe(169);
    // Every other week is 168 hours long.
    expect(length('2027-03-01', 1, 'America/New_York')).toBe(168);
    expect(length('2027-03-01', 3, 'America/New_York')).toBe(168);
  });

  it('tell the week of a date: 1 from the start date, 0 or less before it', () => {
    expect(weekOfDate('2027-06-07', '2027-06-07')).toBe(1);
    expect(weekOfDate('2027-06-07', '2027-06-13')).toBe(1);
    expect(weekOfDate('2027-06-07', '2027-06-14')).toBe(2);
    expect(weekOfDate('2027-06-07', '2027-06-06')).toBe(0);
    expect(weekOfDate('2027-06-07', '2027-05-30')).toBe(-1);
    for (let week = 1; week <= 27; week++) {
      expect(weekOfDate('2027-06-07', weekStartsOn('2027-06-07', week))).toBe(week);
      expect(weekOfDate('2027-06-07', weekEndsOn('2027-06-07', week))).toBe(week);
    }
  });

  it('tell the week of an instant on calendar dates of the cohort’s zone, 0 before the start', () => {
    expect(weekAt('2027-06-07', 'Europe/Berlin', new Date('2027-05-01T00:00:00Z'))).toBe(0);
    expect(weekAt('2027-06-07', 'Europe/Berlin', new Date('2027-06-06T21:59:59Z'))).toBe(0);
    expect(weekAt('2027-06-07', 'Europe/Berlin', new Date('2027-06-06T22:00:00Z'))).toBe(1);
    expect(weekAt('2027-06-07', 'Asia/Kolkata', new Date('2027-06-06T18:30:00Z'))).toBe(1);
    expect(weekAt('2027-06-07', 'America/Los_Angeles', new Date('2027-06-07T06:59:59Z'))).toBe(0);
    // Every week starts at its own local midnight, DST or not.
    for (let week = 1; week <= 15; week++) {
      const start = weekStartsAt('2027-03-01', week, 'America/New_York');
      expect(weekAt('2027-03-01', 'America/New_York', start)).toBe(week);
      expect(weekAt('2027-03-01', 'America/New_York', new Date(start.getTime() - 1))).toBe(week - 1);
    }
  });

  it('end a program at local midnight after its last Sunday', () => {
    expect(programEndsAt('2027-06-07', 12, 'Europe/Berlin').toISOString()).toBe('2027-08-29T22:00:00.000Z');
    expect(programEndsAt('2027-08-30', 12, 'Europe/Berlin').toISOString()).toBe('2027-11-21T23:00:00.000Z');
  });
});
