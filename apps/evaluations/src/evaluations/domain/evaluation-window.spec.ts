import { describe, expect, it } from '@jest/globals';
import { internWeekOf, midpointWeek } from '#calendar';
import { ConflictError } from '#ddd';
import {
  describeWindow,
  EvaluationWindowNotOpenError,
  evaluationWindows,
  requireOpenedWindow,
  requireOpenWindow,
  windowStatus,
  windowTransition,
  windowWeek,
  type CohortClock,
} from './evaluation-window.js';

const clock = (currentWeek: number, weeks = 12): CohortClock => ({
  cohortId: 'c-1',
  startDate: '2027-06-07',
  weeks,
  currentWeek,
});

describe('evaluation windows', () => {
  it('open in the midpoint week (floor(weeks / 2)) and in the presentations week (the last)', () => {
    expect(midpointWeek(12)).toBe(6);
    expect(midpointWeek(10)).toBe(5);
    expect(midpointWeek(22)).toBe(11);
    expect(windowWeek('MIDPOINT', 12, [])).toBe(6);
    expect(windowWeek('FINAL', 12, [])).toBe(12);
    expect(windowWeek('MIDPOINT', 15, [])).toBe(7);
    expect(windowWeek('FINAL', 22, [])).toBe(22);
  });

  it('are one week each, with the dates of that week in the cohort calendar', () => {
    const [midpoint, final] = evaluationWindows(clock(6), []);
    expect(midpoint).toEqual({
      cycle: 'MIDPOINT',
      week: 6,
      startsOn: '2027-07-12',
      endsOn: '2027-07-18',
      status: 'OPEN',
    });
    expect(final).toEqual({
      cycle: 'FINAL',
      week: 12,
      startsOn: '2027-08-23',
      endsOn: '2027-08-29',
      status: 'UPCOMING',
    });
    expect(describeWindow(midpoint!)).toBe('the MIDPOINT evaluation window (week 6, 2027-07-12 – 2027-07-18)');
  });

  it('are UPCOMING before their week, OPEN in it and CLOSED after it (also once the cohort completed)', () => {
    expect(windowStatus(6, 0)).toBe('UPCOMING');
    expect(windowStatus(6, 5)).toBe('UPCOMING');
    expect(windowStatus(6, 6)).toBe('OPEN');
    expect(windowStatus(6, 7)).toBe('CLOSED');
    expect(evaluationWindows(clock(13), []).map((w) => w.status)).toEqual(['CLOSED', 'CLOSED']);
    expect(evaluationWindows({ ...clock(3), weeks: null }, [])).toEqual([]);
  });

  it('move with an extension granted before them: a PM extension in week 3 moves both windows', () => {
    const grants = [{ weeks: 2, afterWeek: 3 }];
    expect(windowWeek('MIDPOINT', 12, grants)).toBe(8);
    expect(windowWeek('FINAL', 12, grants)).toBe(14);
    const [midpoint, final] = evaluationWindows(clock(6), grants);
    expect(midpoint).toMatchObject({ week: 8, startsOn: '2027-07-26', status: 'UPCOMING' });
    expect(final).toMatchObject({ week: 14, startsOn: '2027-09-06', endsOn: '2027-09-12' });
  });

  it('an EXTEND decided at the midpoint (inserted after week 6) keeps the midpoint window and moves the final one', () => {
    const grants = [{ weeks: 3, afterWeek: 6 }];
    expect(windowWeek('MIDPOINT', 12, grants)).toBe(6);
    expect(windowWeek('FINAL', 12, grants)).toBe(15);
    expect(evaluationWindows(clock(6), grants)[0]!.status).toBe('OPEN');
    // The cohort's week 12 is no longer this intern's presentations week.
    expect(evaluationWindows(clock(12), grants)[1]!.status).toBe('UPCOMING');
    expect(evaluationWindows(clock(15), grants)[1]!.status).toBe('OPEN');
  });

  it('never inserts before week 3 nor after the presentations week, and adds up several extensions', () => {
    // Granted in week 1: inserted after week 2, so everything from week 3 moves.
    expect(internWeekOf(2, 12, [{ weeks: 1, afterWeek: 1 }])).toBe(2);
    expect(windowWeek('MIDPOINT', 12, [{ weeks: 1, afterWeek: 1 }])).toBe(7);
    // Granted in the last week: inserted before it, so the presentations move.
    expect(windowWeek('FINAL', 12, [{ weeks: 2, afterWeek: 12 }])).toBe(14);
    const two = [
      { weeks: 2, afterWeek: 4 },
      { weeks: 3, afterWeek: 9 },
    ];
    expect(windowWeek('MIDPOINT', 12, two)).toBe(8);
    expect(windowWeek('FINAL', 12, two)).toBe(17);
  });

  it('refuse an evaluation outside the window with a CONFLICT that names it', () => {
    expect(requireOpenWindow('MIDPOINT', clock(6), [], 'intern ada')).toMatchObject({ week: 6, status: 'OPEN' });
    const early = (() => {
      try {
        requireOpenWindow('MIDPOINT', clock(3), [], 'intern ada');
      } catch (e) {
        return e;
      }
    })() as EvaluationWindowNotOpenError;
    expect(early).toBeInstanceOf(ConflictError);
    expect(early.message).toBe(
      'the MIDPOINT evaluation window (week 6, 2027-07-12 – 2027-07-18) of intern ada has not opened yet (the cohort is in week 3): evaluations of that cycle can be written from week 6',
    );
    expect(() => requireOpenWindow('MIDPOINT', clock(7), [], 'intern ada')).toThrow(
      /the MIDPOINT evaluation window \(week 6, 2027-07-12 – 2027-07-18\) of intern ada has closed \(the cohort is in week 7\)/,
    );
    expect(() => requireOpenWindow('FINAL', clock(12), [{ weeks: 2, afterWeek: 6 }], 'intern ada')).toThrow(
      /FINAL evaluation window \(week 14, 2027-09-06 – 2027-09-12\) of intern ada has not opened yet/,
    );
    expect(() => requireOpenWindow('FINAL', clock(13), [], 'intern ada')).toThrow(
      /has closed \(the cohort has completed its program\)/,
    );
    expect(() => requireOpenWindow('MIDPOINT', { ...clock(0), weeks: null }, [], 'intern ada')).toThrow(ConflictError);
  });

  it('have opened (for a program manager’s evaluation) while open and once closed, never before', () => {
    expect(requireOpenedWindow('MIDPOINT', clock(6), [], 'intern ada')).toMatchObject({ status: 'OPEN' });
    expect(requireOpenedWindow('MIDPOINT', clock(9), [], 'intern ada')).toMatchObject({ status: 'CLOSED' });
    expect(requireOpenedWindow('FINAL', clock(13), [], 'intern ada')).toMatchObject({ week: 12, status: 'CLOSED' });
    expect(() => requireOpenedWindow('FINAL', clock(12), [{ weeks: 2, afterWeek: 6 }], 'intern ada')).toThrow(
      /FINAL evaluation window \(week 14.*has not opened yet/,
    );
    expect(() => requireOpenedWindow('FINAL', { ...clock(0), weeks: null }, [], 'intern ada')).toThrow(ConflictError);
  });

  it('announce a window once when it opens, and once when it closes after having been open', () => {
    expect(windowTransition(undefined, 'UPCOMING')).toBe('none');
    expect(windowTransition(undefined, 'OPEN')).toBe('opened');
    expect(windowTransition({ dueAnnounced: true, closeAnnounced: false }, 'OPEN')).toBe('none');
    expect(windowTransition({ dueAnnounced: true, closeAnnounced: false }, 'CLOSED')).toBe('closed');
    expect(windowTransition({ dueAnnounced: true, closeAnnounced: true }, 'CLOSED')).toBe('none');
    // An intern enrolled after the window passed is neither reminded nor reported overdue.
    expect(windowTransition(undefined, 'CLOSED')).toBe('none');
  });
});
