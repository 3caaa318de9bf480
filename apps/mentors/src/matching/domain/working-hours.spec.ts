import { describe, expect, it } from '@jest/globals';
import { Violations } from '#ddd';
import {
  clockMinutes,
  localHourToInstant,
  offsetMinutesAt,
  validWorkingHours,
  workingHoursOverlap,
  workingWindows,
} from './working-hours.js';

describe('working-hours arithmetic', () => {
  it('finds 09:00 local in UTC on both sides of a DST change', () => {
    // New York moved to EDT on Sunday 2027-03-14; London to BST on Sunday 2027-03-28.
    expect(new Date(localHourToInstant('2027-03-12', 9, 'America/New_York')).toISOString()).toBe(
      '2027-03-12T14:00:00.000Z',
    );
    expect(new Date(localHourToInstant('2027-03-15', 9, 'America/New_York')).toISOString()).toBe(
      '2027-03-15T13:00:00.000Z',
    );
    expect(new Date(localHourToInstant('2027-03-26', 9, 'Europe/London')).toISOString()).toBe(
      '2027-03-26T09:00:00.000Z',
    );
    expect(new Date(localHourToInstant('2027-03-29', 9, 'Europe/London')).toISOString()).toBe(
      '2027-03-29T08:00:00.000Z',
    );
    expect(new Date(localHourToInstant('2027-06-07', 9, 'Asia/Kolkata')).toISOString()).toBe(
      '2027-06-07T03:30:00.000Z',
    );
    expect(offsetMinutesAt(Date.parse('2027-01-10T12:00:00Z'), 'Australia/Adelaide')).toBe(630);
  });

  it('gives everyone 09:00–17:00 on weekdays and nothing at weekends', () => {
    const w = workingWindows({ startDate: '2027-06-07', weeks: 1 }, 'Europe/Berlin');
    // Index 0 is the Sunday before; 1 is Monday 2027-06-07 (CEST, UTC+2).
    expect(Number.isNaN(w[0]!)).toBe(true);
    expect(new Date(w[2]!).toISOString()).toBe('2027-06-07T07:00:00.000Z');
    expect(new Date(w[3]!).toISOString()).toBe('2027-06-07T15:00:00.000Z');
    expect(Number.isNaN(w[2 * 6]!)).toBe(true); // Saturday
    expect(Number.isNaN(w[2 * 7]!)).toBe(true); // Sunday
  });

  it('overlaps fully within one zone and not at all half a world apart', () => {
    const span = { startDate: '2027-06-07', weeks: 2 };
    expect(workingHoursOverlap(span, 'Europe/Berlin', 'Europe/Berlin').averageHours).toBe(8);
    expect(workingHoursOverlap(span, 'Europe/Berlin', 'Europe/Paris').averageHours).toBe(8);
    expect(workingHoursOverlap(span, 'Asia/Tokyo', 'America/Los_Angeles').averageHours).toBe(0);
    expect(workingHoursOverlap(span, 'Europe/Berlin', 'Asia/Kolkata').averageHours).toBe(4.5);
  });

  it('counts the overlap with the other person’s previous or next day (across the date line)', () => {
    // Sydney (AEST, UTC+10) 09:00–17:00 is 23:00–07:00 UTC the day before; Los Angeles (PDT)
    // 09:00–17:00 is 16:00–24:00 UTC. Sydney Tuesday to Friday share one hour with LA Monday to
    // Thursday: 4 h a week, 0.8 h per working day.
    const r = workingHoursOverlap({ startDate: '2027-06-07', weeks: 1 }, 'Australia/Sydney', 'America/Los_Angeles');
    expect(r.averageHours).toBeCloseTo(0.8, 10);
    const back = workingHoursOverlap({ startDate: '2027-06-07', weeks: 1 }, 'America/Los_Angeles', 'Australia/Sydney');
    expect(back.averageHours).toBeCloseTo(0.8, 10);
  });

  it('is DST-aware week by week: London–New York is 4 h while only New York has changed its clocks', () => {
    // Weeks of 15 and 22 March 2027: New York on EDT (UTC-4), London still on GMT: 13:00–17:00 London.
    // Week of 29 March: both on summer time again, the usual 3 h (14:00–17:00 London).
    const r = workingHoursOverlap({ startDate: '2027-03-15', weeks: 3 }, 'Europe/London', 'America/New_York');
    expect(r.weeklyHours).toEqual([4, 4, 3]);
    expect(r.minWeeklyHours).toBe(3);
    expect(r.maxWeeklyHours).toBe(4);
    expect(r.averageHours).toBeCloseTo(11 / 3, 10);
    expect(
      workingHoursOverlap({ startDate: '2027-06-07', weeks: 1 }, 'Europe/London', 'America/New_York').averageHours,
    ).toBe(3);
  });

  it('handles the autumn change too (Europe back to winter time a week before the US)', () => {
    // Europe leaves summer time on 31 October 2027, the US on 7 November 2027.
    const r = workingHoursOverlap({ startDate: '2027-10-25', weeks: 3 }, 'Europe/Berlin', 'America/New_York');
    // Berlin UTC+2/NY UTC-4 (6 h apart: 2 h), then UTC+1/UTC-4 (5 h: 3 h), then UTC+1/UTC-5 (6 h: 2 h).
    expect(r.weeklyHours).toEqual([2, 3, 2]);
  });
});

describe('working hours of one’s own', () => {
  it('reads "HH:MM", refuses malformed hours and a start not before the end, naming the field', () => {
    expect(clockMinutes('09:30')).toBe(570);
    expect(clockMinutes('24:00')).toBe(1440);
    expect(clockMinutes('9:30')).toBeNull();
    expect(clockMinutes('25:00')).toBeNull();
    const v = new Violations();
    expect(validWorkingHours({ start: '08:00', end: '16:30' }, 'workingHours', v)).toEqual({
      start: '08:00',
      end: '16:30',
    });
    expect(validWorkingHours(null, 'workingHours', v)).toBeNull();
    expect(v.list()).toEqual([]);
    validWorkingHours({ start: '8am', end: '17:00' }, 'workingHours', v);
    validWorkingHours({ start: '17:00', end: '09:00' }, 'workingHours', v);
    validWorkingHours({ start: '10:00', end: '10:00' }, 'workingHours', v);
    expect(v.list().map((x) => x.field)).toEqual(['workingHours.start', 'workingHours.end', 'workingHours.end']);
  });

  it('measures the overlap of each person’s own hours, across zones', () => {
    const span = { startDate: '2027-06-07', weeks: 1 };
    const r = workingHoursOverlap(span, 'Europe/Berlin', 'Europe/Berlin', null, { start: '16:00', end: '20:00' });
    expect(r.averageHours).toBe(1);
    // Kolkata 09:00–17:00 is Berlin 05:30–13:30: a Berlin mentor from 07:00 shares 6.5 h.
    const k = workingHoursOverlap(span, 'Asia/Kolkata', 'Europe/Berlin', null, { start: '07:00', end: '15:00' });
    expect(k.averageHours).toBe(6.5);
  });
});
