import { describe, expect, it } from '@jest/globals';
import {
  cohortCalendar,
  extensionInsertionPoint,
  internCalendar,
  internWeekOf,
  internWeekPlan,
  presentationsWindow,
} from './index.js';

const HOUR = 3_600_000;

describe('extension arithmetic', () => {
  it('without an extension, the intern calendar is the cohort calendar', () => {
    const cohort = cohortCalendar('2027-06-07', 12, 'Europe/Berlin');
    const intern = internCalendar('2027-06-07', 12, 'Europe/Berlin');
    expect(intern.keyDates).toEqual(cohort.keyDates);
    expect(intern.weeks.map(({ extension: _e, ...w }) => w)).toEqual(cohort.weeks);
    expect(intern).toMatchObject({ programWeeks: 12, extensionWeeks: 0 });
  });

  it('inserts the weeks of a midpoint extension right after the midpoint: later dates move, earlier ones stay', () => {
    // Extended by 2 weeks during week 6 (the midpoint) of a 12-week program starting 2027-06-07.
    const cal = internCalendar('2027-06-07', 12, 'Europe/Berlin', [{ weeks: 2, afterWeek: 6 }]);
    expect(cal).toMatchObject({ programWeeks: 14, extensionWeeks: 2 });
    expect(cal.weeks.map((w) => (w.extension ? `${w.phase}+` : w.phase))).toEqual([
      'ONBOARDING',
      'SCOPING',
      'BUILD',
      'BUILD',
      'BUILD',
      'MIDPOINT',
      'BUILD+',
      'BUILD+',
      'BUILD',
      'BUILD',
      'BUILD',
      'BUILD',
      'BUILD',
      'FINAL_PRESENTATIONS',
    ]);
    expect(cal.keyDates).toEqual({
      scopeDue: '2027-06-20', // unchanged
      midpointWindow: { startsOn: '2027-07-12', endsOn: '2027-07-18' }, // unchanged: already under way
      presentationsWeek: { startsOn: '2027-09-06', endsOn: '2027-09-12' }, // two weeks later
      finalEvaluationsDue: '2027-09-12',
      programEnd: '2027-09-12',
    });
  });

  it('moves the midpoint too when the extension comes before it, never the onboarding or the scope deadline', () => {
    const early = internCalendar('2027-06-07', 12, 'UTC', [{ weeks: 1, afterWeek: 3 }]);
    expect(early.keyDates.midpointWindow.startsOn).toBe('2027-07-19'); // week 7 instead of 6
    expect(early.weeks[6]!.phase).toBe('MIDPOINT');
    const beforeStart = internCalendar('2027-06-07', 12, 'UTC', [{ weeks: 1, afterWeek: 0 }]);
    expect(beforeStart.weeks.slice(0, 3).map((w) => [w.phase, w.extension])).toEqual([
      ['ONBOARDING', false],
      ['SCOPING', false],
      ['BUILD', true],
    ]);
    expect(beforeStart.keyDates.scopeDue).toBe('2027-06-20');
  });

  it('moves the presentations when the extension comes in the last week', () => {
    const late = internCalendar('2027-06-07', 12, 'UTC', [{ weeks: 3, afterWeek: 12 }]);
    expect(late.weeks.map((w) => w.phase).slice(10)).toEqual([
      'BUILD',
      'BUILD',
      'BUILD',
      'BUILD',
      'FINAL_PRESENTATIONS',
    ]);
    expect(late.keyDates.presentationsWeek.startsOn).toBe('2027-09-13');
  });

  it('adds up several extensions, each where it was granted', () => {
    const grants = [
      { weeks: 2, afterWeek: 6 },
      { weeks: 3, afterWeek: 10 },
    ];
    const cal = internCalendar('2027-06-07', 12, 'UTC', grants);
    expect(cal).toMatchObject({ programWeeks: 17, extensionWeeks: 5 });
    expect(cal.weeks.filter((w) => w.extension).map((w) => w.week)).toEqual([7, 8, 11, 12, 13]);
    // a milestone due in cohort week 5 stays, week 8 moves by 2, week 11 by 5
    expect(internWeekOf(5, 12, grants)).toBe(5);
    expect(internWeekOf(8, 12, grants)).toBe(10);
    expect(internWeekOf(11, 12, grants)).toBe(16);
    expect(internWeekOf(12, 12, grants)).toBe(17);
    expect(cal.weeks[internWeekOf(12, 12, grants) - 1]!.phase).toBe('FINAL_PRESENTATIONS');
  });

  it('places the insertion point after the current week, from week 2 to the week before the last', () => {
    expect(extensionInsertionPoint(0, 12)).toBe(2);
    expect(extensionInsertionPoint(1, 12)).toBe(2);
    expect(extensionInsertionPoint(6, 12)).toBe(6);
    expect(extensionInsertionPoint(12, 12)).toBe(11);
    expect(extensionInsertionPoint(20, 14)).toBe(13);
    expect(
      internWeekPlan(10, [{ weeks: 1, afterWeek: 99 }])
        .map((w) => w.phase)
        .slice(-2),
    ).toEqual(['BUILD', 'FINAL_PRESENTATIONS']);
  });

  it('keeps extended weeks at local midnight across a DST change', () => {
    // Berlin leaves DST on Sunday 2027-10-31; a cohort of 10 weeks from 2027-08-30, extended in week 8 by 2.
    const cal = internCalendar('2027-08-30', 10, 'Europe/Berlin', [{ weeks: 2, afterWeek: 8 }]);
    const byStart = Object.fromEntries(cal.weeks.map((w) => [w.startsOn, w]));
    expect(byStart['2027-10-25']!.startsAt.toISOString()).toBe('2027-10-24T22:00:00.000Z');
    expect(byStart['2027-11-01']!.startsAt.toISOString()).toBe('2027-10-31T23:00:00.000Z');
    expect(byStart['2027-10-25']!.endsAt.getTime() - byStart['2027-10-25']!.startsAt.getTime()).toBe(169 * HOUR);
    expect(cal.keyDates.programEnd).toBe('2027-11-21');
    const window = presentationsWindow(cal);
    expect(window).toMatchObject({ startsOn: '2027-11-15', endsOn: '2027-11-21' });
    expect(window.startsAt.toISOString()).toBe('2027-11-14T23:00:00.000Z');
    expect(window.endsAt.toISOString()).toBe('2027-11-21T23:00:00.000Z');
  });
});
