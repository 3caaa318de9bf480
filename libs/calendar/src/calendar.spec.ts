import { describe, expect, it } from '@jest/globals';
import { CohortPhase, cohortCalendar, midpointWeek, phaseOfWeek, weekAt, weekStartsAt } from './index.js';

const HOUR = 3_600_000;

describe('cohortCalendar', () => {
  it('lays out 12 weeks from Monday to Sunday with the default phases and key dates', () => {
    const cal = cohortCalendar('2027-06-07', 12, 'Europe/Berlin');
    expect(cal.weeks).toHaveLength(12);
    expect(cal.weeks[0]).toMatchObject({
      week: 1,
      startsOn: '2027-06-07',
      endsOn: '2027-06-13',
      phase: CohortPhase.ONBOARDING,
    });
    expect(cal.weeks[1]).toMatchObject({
      week: 2,
      startsOn: '2027-06-14',
      endsOn: '2027-06-20',
      phase: CohortPhase.SCOPING,
    });
    expect(cal.weeks[11]).toMatchObject({
      week: 12,
      startsOn: '2027-08-23',
      endsOn: '2027-08-29',
      phase: CohortPhase.FINAL_PRESENTATIONS,
    });
    expect(cal.weeks.map((w) => w.phase)).toEqual([
      'ONBOARDING',
      'SCOPING',
      'BUILD',
      'BUILD',
      'BUILD',
      'MIDPOINT',
      'BUILD',
      'BUILD',
      'BUILD',
      'BUILD',
      'BUILD',
      'FINAL_PRESENTATIONS',
    ]);
    expect(cal.keyDates).toEqual({
      scopeDue: '2027-06-20',
      midpointWindow: { startsOn: '2027-07-12', endsOn: '2027-07-18' },
      presentationsWeek: { startsOn: '2027-08-23', endsOn: '2027-08-29' },
      finalEvaluationsDue: '2027-08-29',
      programEnd: '2027-08-29',
    });
    // weeks are contiguous: each ends where the next starts
    for (let i = 1; i < 12; i++) expect(cal.weeks[i]!.startsAt).toEqual(cal.weeks[i - 1]!.endsAt);
  });

  it('keeps weeks at local midnight across the March DST change in America/New_York', () => {
    // DST starts Sunday 2027-03-14 at 02:00 local: week 2 (Mar 8–14) is one hour short.
    const cal = cohortCalendar('2027-03-01', 12, 'America/New_York');
    const [w1, w2, w3] = cal.weeks;
    expect(w1!.startsAt.toISOString()).toBe('2027-03-01T05:00:00.000Z'); // EST, UTC-5
    expect(w2!.startsAt.toISOString()).toBe('2027-03-08T05:00:00.000Z');
    expect(w3!.startsAt.toISOString()).toBe('2027-03-15T04:00:00.000Z'); // EDT, UTC-4
    expect(w2!.endsAt.getTime() - w2!.startsAt.getTime()).toBe(167 * HOUR);
    expect(w1!.endsAt.getTime() - w1!.startsAt.getTime()).toBe(168 * HOUR);
    expect(w3!.endsAt.getTime() - w3!.startsAt.getTime()).toBe(168 * HOUR);
    // calendar dates are unaffected
    expect(w2).toMatchObject({ startsOn: '2027-03-08', endsOn: '2027-03-14' });
    expect(w3).toMatchObject({ startsOn: '2027-03-15', endsOn: '2027-03-21' });
  });

  it('makes the autumn week one hour longer in Europe/Berlin', () => {
    // DST ends Sunday 2027-10-31 at 03:00 local.
    const cal = cohortCalendar('2027-10-25', 10, 'Europe/Berlin');
    expect(cal.weeks[0]!.startsAt.toISOString()).toBe('2027-10-24T22:00:00.000Z');
    expect(cal.weeks[1]!.startsAt.toISOString()).toBe('2027-10-31T23:00:00.000Z');
    expect(cal.weeks[0]!.endsAt.getTime() - cal.weeks[0]!.startsAt.getTime()).toBe(169 * HOUR);
  });

  it('crosses a year end', () => {
    const cal = cohortCalendar('2027-12-20', 10, 'UTC');
    expect(cal.weeks[2]).toMatchObject({ startsOn: '2028-01-03', endsOn: '2028-01-09' });
    expect(cal.keyDates.programEnd).toBe('2028-02-27');
  });

  it.each([
    [
      10,
      5,
      [
        'ONBOARDING',
        'SCOPING',
        'BUILD',
        'BUILD',
        'MIDPOINT',
        'BUILD',
        'BUILD',
        'BUILD',
        'BUILD',
        'FINAL_PRESENTATIONS',
      ],
    ],
    [12, 6, null],
    [22, 11, null],
  ] as const)(
    'puts the phase boundaries of a %i-week program in place (midpoint week %i)',
    (weeks, midpoint, expected) => {
      const cal = cohortCalendar('2027-06-07', weeks, 'Europe/Berlin');
      expect(midpointWeek(weeks)).toBe(midpoint);
      const phases = cal.weeks.map((w) => w.phase);
      if (expected) expect(phases).toEqual(expected);
      expect(phases[0]).toBe(CohortPhase.ONBOARDING);
      expect(phases[1]).toBe(CohortPhase.SCOPING);
      expect(phases[midpoint - 1]).toBe(CohortPhase.MIDPOINT);
      expect(phases[weeks - 1]).toBe(CohortPhase.FINAL_PRESENTATIONS);
      expect(phases.filter((p) => p === CohortPhase.BUILD)).toHaveLength(weeks - 4);
      expect(cal.keyDates.midpointWindow.startsOn).toBe(cal.weeks[midpoint - 1]!.startsOn);
      expect(cal.keyDates.presentationsWeek.endsOn).toBe(cal.weeks[weeks - 1]!.endsOn);
      expect(cal.keyDates.scopeDue).toBe(cal.weeks[1]!.endsOn);
      expect(phaseOfWeek(weeks + 1, weeks)).toBe(CohortPhase.COMPLETED);
    },
  );

  it('has exactly the phases of the product contract', () => {
    expect(Object.values(CohortPhase)).toEqual([
      'ONBOARDING',
      'SCOPING',
      'BUILD',
      'MIDPOINT',
      'FINAL_PRESENTATIONS',
      'COMPLETED',
    ]);
  });

  it('tells which program week an instant falls in, on calendar dates of the cohort timezone', () => {
    // Monday 2027-06-07 00:00 in Berlin is 2027-06-06T22:00Z: still week 0 in UTC terms, week 1 in Berlin.
    expect(weekAt('2027-06-07', 'Europe/Berlin', new Date('2027-06-06T21:59:59Z'))).toBe(0);
    expect(weekAt('2027-06-07', 'Europe/Berlin', new Date('2027-06-06T22:00:00Z'))).toBe(1);
    expect(weekAt('2027-06-07', 'Europe/Berlin', new Date('2027-06-13T21:59:59Z'))).toBe(1);
    expect(weekAt('2027-06-07', 'Europe/Berlin', new Date('2027-06-13T22:00:00Z'))).toBe(2);
    expect(weekAt('2027-03-01', 'America/New_York', weekStartsAt('2027-03-01', 3, 'America/New_York'))).toBe(3);
    expect(weekAt('2027-06-07', 'UTC', new Date('2027-08-30T00:00:00Z'))).toBe(13);
  });
});
