import { describe, expect, it } from '@jest/globals';
import type { EvaluationWindow } from '../domain/evaluation-window.js';
import { missingBeforeClose } from './window-closing.js';

// A cohort starting Monday 2027-06-07 in Berlin: the MIDPOINT window is week 6, 12–18 July; its
// reminder falls due on Saturday 17 July at 00:00 local (16 July 22:00Z).
const clock = (now: string) => ({ startDate: '2027-06-07', timezone: 'Europe/Berlin', now: new Date(now) });
const midpoint: EvaluationWindow = {
  cycle: 'MIDPOINT',
  week: 6,
  startsOn: '2027-07-12',
  endsOn: '2027-07-18',
  status: 'OPEN',
};
const opened = { dueAnnounced: true, closeAnnounced: false };
const REMINDER = '2027-07-16T22:00:00.000Z';

describe('an evaluation window closing soon', () => {
  it('is due two days before the window closes, naming what is missing', () => {
    expect(missingBeforeClose(midpoint, opened, [], clock('2027-07-16T21:59:59.999Z'))).toEqual([]);
    expect(missingBeforeClose(midpoint, opened, [], clock(REMINDER))).toEqual(['MENTOR', 'SELF']);
    expect(missingBeforeClose(midpoint, opened, ['SELF'], clock(REMINDER))).toEqual(['MENTOR']);
    expect(missingBeforeClose(midpoint, opened, ['MENTOR'], clock(REMINDER))).toEqual(['SELF']);
  });

  it('is never due once both are in, for a window never opened for the intern, or once its close was announced', () => {
    expect(missingBeforeClose(midpoint, opened, ['MENTOR', 'SELF'], clock(REMINDER))).toEqual([]);
    expect(missingBeforeClose(midpoint, undefined, [], clock(REMINDER))).toEqual([]);
    expect(missingBeforeClose(midpoint, { dueAnnounced: false, closeAnnounced: false }, [], clock(REMINDER))).toEqual(
      [],
    );
    expect(missingBeforeClose(midpoint, { dueAnnounced: true, closeAnnounced: true }, [], clock(REMINDER))).toEqual([]);
  });

  it('follows the intern’s own window (an extension moved the FINAL window to week 14)', () => {
    const final: EvaluationWindow = {
      cycle: 'FINAL',
      week: 14,
      startsOn: '2027-09-06',
      endsOn: '2027-09-12',
      status: 'OPEN',
    };
    expect(missingBeforeClose(final, opened, [], clock('2027-08-28T12:00:00Z'))).toEqual([]); // Saturday of week 12
    expect(missingBeforeClose(final, opened, [], clock('2027-09-10T22:00:00Z'))).toEqual(['MENTOR', 'SELF']);
  });
});
