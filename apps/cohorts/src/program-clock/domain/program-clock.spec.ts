import { describe, expect, it } from '@jest/globals';
import { CohortPhase, midpointWeek } from '#calendar';
import { Cohort, CohortStatus, WorkMode } from '../../cohorts/domain/cohort.js';
import { ClockEventKind, dueClockEvents, extendedWeekEvents } from './program-clock.js';

const label = (e: { kind: ClockEventKind; week: number; phase: CohortPhase | null }) =>
  e.kind === ClockEventKind.WEEK_STARTED
    ? `W${e.week}`
    : e.kind === ClockEventKind.PHASE_CHANGED
      ? `P:${e.phase}`
      : e.kind === ClockEventKind.COHORT_STARTED
        ? 'START'
        : 'END';

describe('dueClockEvents', () => {
  it('generates the 12-week program in firing order: start, each week with its phase changes, the end', () => {
    const events = dueClockEvents('2027-06-07', 12, 'Europe/Berlin');
    expect(events.map(label)).toEqual([
      'START',
      'W1',
      'P:ONBOARDING',
      'W2',
      'P:SCOPING',
      'W3',
      'P:BUILD',
      'W4',
      'W5',
      'W6',
      'P:MIDPOINT',
      'W7',
      'P:BUILD',
      'W8',
      'W9',
      'W10',
      'W11',
      'W12',
      'P:FINAL_PRESENTATIONS',
      'P:COMPLETED',
      'END',
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it('puts every event at local midnight of its Monday, and the end at midnight after the last Sunday', () => {
    const events = dueClockEvents('2027-06-07', 12, 'Europe/Berlin');
    const start = events[0]!;
    expect(start.dueAt.toISOString()).toBe('2027-06-06T22:00:00.000Z'); // 00:00 CEST
    expect(events.find((e) => e.kind === ClockEventKind.WEEK_STARTED && e.week === 12)!.dueAt.toISOString()).toBe(
      '2027-08-22T22:00:00.000Z',
    );
    const end = events.at(-1)!;
    expect(end).toMatchObject({ kind: ClockEventKind.COHORT_COMPLETED, week: 13 });
    expect(end.dueAt.toISOString()).toBe('2027-08-29T22:00:00.000Z'); // Monday 2027-08-30 00:00 CEST
    // never earlier than the event before it: firing in seq order is firing in time order
    for (let i = 1; i < events.length; i++) expect(events[i]!.dueAt >= events[i - 1]!.dueAt).toBe(true);
  });

  it('keeps weeks at local midnight across DST changes in both directions', () => {
    // New York: DST starts Sunday 2027-03-14; Berlin: DST ends Sunday 2027-10-31.
    const ny = dueClockEvents('2027-03-01', 10, 'America/New_York').filter(
      (e) => e.kind === ClockEventKind.WEEK_STARTED,
    );
    expect(ny[1]!.dueAt.toISOString()).toBe('2027-03-08T05:00:00.000Z'); // EST
    expect(ny[2]!.dueAt.toISOString()).toBe('2027-03-15T04:00:00.000Z'); // EDT
    const berlin = dueClockEvents('2027-10-25', 10, 'Europe/Berlin').filter(
      (e) => e.kind === ClockEventKind.WEEK_STARTED,
    );
    expect(berlin[0]!.dueAt.toISOString()).toBe('2027-10-24T22:00:00.000Z'); // CEST
    expect(berlin[1]!.dueAt.toISOString()).toBe('2027-10-31T23:00:00.000Z'); // CET
    // Asia/Kolkata (UTC+5:30, no DST) and a date line zone
    expect(dueClockEvents('2027-06-07', 10, 'Asia/Kolkata')[0]!.dueAt.toISOString()).toBe('2027-06-06T18:30:00.000Z');
    expect(dueClockEvents('2027-06-07', 10, 'Pacific/Auckland')[0]!.dueAt.toISOString()).toBe(
      '2027-06-06T12:00:00.000Z',
    );
  });

  it.each([10, 12, 15, 22])('announces each phase boundary of a %i-week program once, with the phase left', (weeks) => {
    const events = dueClockEvents('2027-06-07', weeks, 'UTC');
    const changes = events.filter((e) => e.kind === ClockEventKind.PHASE_CHANGED);
    expect(changes.map((e) => [e.week, e.previousPhase, e.phase])).toEqual([
      [1, null, 'ONBOARDING'],
      [2, 'ONBOARDING', 'SCOPING'],
      [3, 'SCOPING', 'BUILD'],
      [midpointWeek(weeks), 'BUILD', 'MIDPOINT'],
      [midpointWeek(weeks) + 1, 'MIDPOINT', 'BUILD'],
      [weeks, 'BUILD', 'FINAL_PRESENTATIONS'],
      [weeks + 1, 'FINAL_PRESENTATIONS', 'COMPLETED'],
    ]);
    expect(events.filter((e) => e.kind === ClockEventKind.WEEK_STARTED).map((e) => e.week)).toEqual(
      Array.from({ length: weeks }, (_, i) => i + 1),
    );
    expect(events).toHaveLength(weeks + 9);
  });
});

describe('Cohort.applyClockEvent', () => {
  const scheduled = () =>
    Cohort.schedule(
      {
        name: 'Summer',
        startDate: '2027-06-07',
        weeks: 10,
        timezone: 'Europe/Berlin',
        location: 'Berlin',
        workMode: WorkMode.REMOTE,
        capacity: 5,
      },
      { id: '00000000-0000-4000-8000-000000000001', now: new Date('2027-05-01T00:00:00Z'), scheduledBy: 'pm' },
    );

  it('walks the cohort through its life and records one domain event per clock event', () => {
    const cohort = scheduled();
    cohort.pullDomainEvents();
    const events = dueClockEvents('2027-06-07', 10, 'Europe/Berlin');
    for (const e of events.slice(0, 3)) cohort.applyClockEvent(e);
    expect(cohort.toSnapshot()).toMatchObject({
      status: CohortStatus.IN_PROGRESS,
      currentWeek: 1,
      currentPhase: 'ONBOARDING',
      clockAt: events[0]!.dueAt,
    });
    const recorded = cohort.pullDomainEvents();
    expect(recorded.map((e) => e.name)).toEqual(['CohortStarted', 'CohortWeekStarted', 'CohortPhaseChanged']);
    expect(recorded[1]).toMatchObject({
      week: 1,
      startsOn: '2027-06-07',
      endsOn: '2027-06-13',
      phase: 'ONBOARDING',
      weeks: 10,
    });
    for (const e of events.slice(3)) cohort.applyClockEvent(e);
    expect(cohort.toSnapshot()).toMatchObject({
      status: CohortStatus.COMPLETED,
      currentWeek: 11,
      currentPhase: 'COMPLETED',
    });
    expect(cohort.pullDomainEvents().at(-1)).toMatchObject({ name: 'CohortCompleted', weeks: 10 });
  });

  it('runs on past the cohort end for extended interns, announcing their weeks after CohortCompleted', () => {
    expect(extendedWeekEvents('2027-06-07', 10, 'Europe/Berlin', 0)).toEqual([]);
    const extra = extendedWeekEvents('2027-06-07', 10, 'Europe/Berlin', 2);
    expect(extra.map((e) => e.week)).toEqual([11, 12, 13]);
    expect(extra[1]!.dueAt.toISOString()).toBe('2027-08-22T22:00:00.000Z'); // Monday 23 Aug, Berlin midnight
    const cohort = scheduled();
    const events = dueClockEvents('2027-06-07', 10, 'Europe/Berlin');
    const extended = extra.map((e, i) => ({
      seq: events.length + i + 1,
      kind: ClockEventKind.EXTENDED_WEEK_STARTED,
      week: e.week,
      phase: null,
      previousPhase: null,
      dueAt: e.dueAt,
    }));
    expect(() => cohort.applyClockEvent(extended[0]!)).toThrow(/out of order/); // not before the cohort completed
    for (const e of events) cohort.applyClockEvent(e);
    cohort.pullDomainEvents();
    for (const e of extended) cohort.applyClockEvent(e);
    expect(cohort.toSnapshot()).toMatchObject({ status: CohortStatus.COMPLETED, currentWeek: 13 });
    expect(cohort.pullDomainEvents()).toMatchObject([
      { name: 'CohortWeekStarted', week: 11, phase: 'COMPLETED', weeks: 10 },
      { name: 'CohortWeekStarted', week: 12, startsOn: '2027-08-23', endsOn: '2027-08-29', phase: 'COMPLETED' },
      { name: 'CohortWeekStarted', week: 13, phase: 'COMPLETED' },
    ]);
    expect(() => cohort.applyClockEvent(extended[1]!)).toThrow(/out of order/); // never backwards
  });

  it('refuses an event out of order (skipped or repeated) as a conflict', () => {
    const cohort = scheduled();
    const events = dueClockEvents('2027-06-07', 10, 'Europe/Berlin');
    expect(() => cohort.applyClockEvent(events[1]!)).toThrow(/out of order/); // week 1 before the start
    cohort.applyClockEvent(events[0]!);
    expect(() => cohort.applyClockEvent(events[0]!)).toThrow(/out of order/); // started twice
    cohort.applyClockEvent(events[1]!);
    expect(() => cohort.applyClockEvent(events[1]!)).toThrow(/out of order/); // week 1 twice
    expect(() => cohort.applyClockEvent(events.at(-1)!)).toThrow(/out of order/); // completed in week 1
  });

  it('lets an enrollment into a started cohort begin with onboarding', () => {
    const cohort = scheduled();
    cohort.applyClockEvent(dueClockEvents('2027-06-07', 10, 'Europe/Berlin')[0]!);
    const enrollment = cohort.enroll(
      'e-1',
      {
        internId: 'i-1',
        name: 'I',
        email: 'i@example.com',
        university: 'U',
        degreeLevel: 'PHD',
        timezone: 'Europe/Berlin',
      },
      new Date('2027-06-08T00:00:00Z'),
    );
    expect(enrollment.status).toBe('ONBOARDING');
  });
});
