import { describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { violatedFields } from '#testing';
import type { CohortCalendar } from '../../cohorts/domain/cohort-calendar.js';
import { datesOfWeek, weekOfDate } from '#calendar';
import { programWeekOf } from '../../cohorts/domain/cohort-calendar.js';
import { CheckIn, latestCheckInDate, type CheckInContext, type LogCheckInProps } from './check-in.js';
import { weekState } from './week-status.js';

const calendar: CohortCalendar = {
  cohortId: 'cohort-1',
  name: 'Summer',
  startDate: '2027-06-07',
  weeks: 12,
  timezone: 'Europe/Berlin',
  status: 'IN_PROGRESS',
  currentWeek: 3,
  currentWeekStartsOn: '2027-06-21',
  currentWeekEndsOn: '2027-06-27',
};

const ctx = (overrides: Partial<CheckInContext> = {}): CheckInContext => ({
  checkInId: 'ci-1',
  mentorId: 'mentor-ada',
  assignmentId: 'a-1',
  cohortId: 'cohort-1',
  calendar,
  extensionWeeks: 0,
  enrolledAt: new Date('2027-05-01T10:00:00Z'),
  now: new Date('2027-06-23T10:00:00Z'),
  ...overrides,
});

const valid: LogCheckInProps = {
  internId: 'intern-ines',
  occurredOn: '2027-06-22',
  durationMinutes: 30,
  format: 'video call',
  progress: 'ON_TRACK',
  notes: 'Scope looks good.',
  privateNotes: 'Seems stressed about the deadline.',
  blockers: ['GPU quota'],
  actionItems: ['Ask infra for quota', 'Draft milestone 1'],
};

function fieldsOf(props: Partial<LogCheckInProps> | Record<string, unknown>, c = ctx()): string[] {
  return violatedFields(() => CheckIn.log({ ...valid, ...props } as LogCheckInProps, c));
}

describe('the cohort calendar', () => {
  it('numbers weeks from the start date, Monday to Sunday', () => {
    expect(weekOfDate('2027-06-07', '2027-06-07')).toBe(1);
    expect(weekOfDate('2027-06-07', '2027-06-13')).toBe(1);
    expect(weekOfDate('2027-06-07', '2027-06-14')).toBe(2);
    expect(weekOfDate('2027-06-07', '2027-06-06')).toBe(0);
    expect(datesOfWeek('2027-06-07', 3)).toEqual({ startsOn: '2027-06-21', endsOn: '2027-06-27' });
  });

  it('gives no week before the program or after the intern’s last week, extensions included', () => {
    expect(programWeekOf(calendar, '2027-06-06')).toBeNull();
    expect(programWeekOf(calendar, '2027-08-29')).toBe(12);
    expect(programWeekOf(calendar, '2027-08-30')).toBeNull();
    expect(programWeekOf(calendar, '2027-08-30', 2)).toBe(13);
    expect(programWeekOf(calendar, '2027-09-13', 2)).toBeNull();
  });
});

describe('CheckIn.log', () => {
  it('logs a valid check-in in its program week and records CheckInLogged', () => {
    const checkIn = CheckIn.log(valid, ctx());
    expect(checkIn.snapshot()).toEqual({
      ...valid,
      checkInId: 'ci-1',
      cohortId: 'cohort-1',
      mentorId: 'mentor-ada',
      assignmentId: 'a-1',
      week: 3,
    });
    const events = checkIn.pullDomainEvents();
    expect(events.map((e) => e.name)).toEqual(['CheckInLogged']);
  });

  it('takes the optional fields as empty, and blank private notes as none', () => {
    const s = CheckIn.log(
      { ...valid, notes: null, privateNotes: '   ', blockers: null, actionItems: undefined },
      ctx(),
    ).snapshot();
    expect(s).toMatchObject({ notes: '', privateNotes: null, blockers: [], actionItems: [] });
  });

  it('has no week when the cohort calendar is not known yet', () => {
    expect(CheckIn.log(valid, ctx({ calendar: null })).snapshot().week).toBeNull();
  });

  it('refuses dates in the future, except within the current week of a clock that runs ahead (sandbox)', () => {
    expect(fieldsOf({ occurredOn: '2027-06-30' })).toEqual(['occurredOn']);
    // Today (23 June) anywhere on Earth is fine, as is the 24th in Kiritimati (UTC+14) late on the 23rd UTC.
    expect(CheckIn.log({ ...valid, occurredOn: '2027-06-23' }, ctx()).snapshot().week).toBe(3);
    expect(
      CheckIn.log({ ...valid, occurredOn: '2027-06-24' }, ctx({ now: new Date('2027-06-23T11:00:00Z') })).snapshot()
        .occurredOn,
    ).toBe('2027-06-24');
    // The clock fast-forwarded to week 3 while it is still May in real time.
    const may = ctx({ now: new Date('2027-05-20T10:00:00Z') });
    expect(CheckIn.log({ ...valid, occurredOn: '2027-06-27' }, may).snapshot().week).toBe(3);
    expect(fieldsOf({ occurredOn: '2027-06-28' }, may)).toEqual(['occurredOn']);
    expect(latestCheckInDate(new Date('2027-05-20T10:00:00Z'), calendar)).toBe('2027-06-27');
    expect(latestCheckInDate(new Date('2027-06-23T10:00:00Z'), calendar)).toBe('2027-06-24');
  });

  it('refuses dates before the intern was enrolled, and dates that are not dates', () => {
    expect(fieldsOf({ occurredOn: '2027-04-29' })).toEqual(['occurredOn']);
    for (const occurredOn of ['2027-02-30', '22/06/2027', '', '2027-6-22']) {
      expectLabelled(fieldsOf({ occurredOn }), occurredOn).toEqual(['occurredOn']);
    }
  });

  it('takes 1 to 480 whole minutes', () => {
    for (const durationMinutes of [0, -5, 481, 12.5, Number.NaN]) {
      expectLabelled(fieldsOf({ durationMinutes }), String(durationMinutes)).toEqual(['durationMinutes']);
    }
    expect(CheckIn.log({ ...valid, durationMinutes: 480 }, ctx()).snapshot().durationMinutes).toBe(480);
  });

  it('needs a format and a known progress', () => {
    expect(fieldsOf({ format: '  ' })).toEqual(['format']);
    expect(fieldsOf({ format: 'x'.repeat(51) })).toEqual(['format']);
    expect(fieldsOf({ progress: 'GREAT' })).toEqual(['progress']);
  });

  it('bounds notes and lists, naming the bad item', () => {
    expect(fieldsOf({ notes: 'x'.repeat(10_001) })).toEqual(['notes']);
    expect(fieldsOf({ privateNotes: 'x'.repeat(10_001) })).toEqual(['privateNotes']);
    expect(fieldsOf({ blockers: ['ok', ' '] })).toEqual(['blockers[1]']);
    expect(fieldsOf({ actionItems: ['x'.repeat(501)] })).toEqual(['actionItems[0]']);
    expect(fieldsOf({ blockers: Array.from({ length: 21 }, (_, i) => `b${i}`) })).toEqual(['blockers']);
  });

  it('reports every bad field at once', () => {
    expect(fieldsOf({ internId: '', occurredOn: 'soon', durationMinutes: 0, format: '', progress: 'MEH' })).toEqual([
      'internId',
      'occurredOn',
      'durationMinutes',
      'format',
      'progress',
    ]);
  });
});

describe('a week’s check-in state', () => {
  it('is CHECKED_IN or MISSED when recorded, else follows the cohort’s clock', () => {
    expect(weekState(2, { currentWeek: 3 }, true, true)).toBe('CHECKED_IN');
    expect(weekState(2, { currentWeek: 3 }, false, true)).toBe('MISSED');
    expect(weekState(3, { currentWeek: 3 }, false, false)).toBe('DUE');
    expect(weekState(4, { currentWeek: 3 }, false, false)).toBe('UPCOMING');
    expect(weekState(1, { currentWeek: null }, false, false)).toBe('UPCOMING');
    expect(weekState(1, null, false, false)).toBe('UPCOMING');
    expect(weekState(2, { currentWeek: 3 }, false, false)).toBe('NOT_EXPECTED');
  });
});
