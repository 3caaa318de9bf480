import { describe, expect, it } from '@jest/globals';
import {
  CheckInMissedV1,
  CohortScheduledV1,
  CohortWeekStartedV1,
  InternEnrolledV1,
  MentorAssignedV1,
  OnboardingCompletedV1,
} from '#contracts';
import { factsFromEvent, type SourceEvent } from '../projection/event-facts.js';
import { deriveProgress } from './derive-progress.js';
import { byOccurrence, COHORT_WIDE, type Fact } from './facts.js';
import { riskByWeek, riskHistory, riskWeekOf } from './risk-weeks.js';

let seq = 0;
function ev(contract: { type: string }, data: unknown): SourceEvent {
  const minute = ++seq;
  return {
    id: `00000000-0000-4000-8000-${String(minute).padStart(12, '0')}`,
    type: contract.type,
    time: new Date(Date.UTC(2027, 5, 7, 9, minute)).toISOString(),
    data,
  };
}

function history(events: SourceEvent[]) {
  const facts = new Map<string, Fact>();
  for (const e of events) {
    for (const f of factsFromEvent(e)?.facts ?? []) {
      const key = `${f.cohortId}|${f.internId}|${f.kind}|${f.key}`;
      const old = facts.get(key);
      if (!old || byOccurrence(f, old) > 0) facts.set(key, f);
    }
  }
  const cohortFacts = [...facts.values()].filter((f) => f.internId === COHORT_WIDE);
  const internFacts = [...facts.values()].filter((f) => f.internId === 'ada');
  const row = deriveProgress(cohortFacts, internFacts)!;
  return { row, changes: riskHistory(cohortFacts, internFacts, row) };
}

const cohortId = 'c-1';
const base = { cohortId, internId: 'ada' };
const week = (n: number) =>
  ev(CohortWeekStartedV1, {
    cohortId,
    week: n,
    startsOn: '2027-06-07',
    endsOn: '2027-06-13',
    phase: 'BUILD',
    weeks: 6,
  });
const missed = (n: number) => ev(CheckInMissedV1, { ...base, mentorId: 'grace', week: n });

// Ada misses the check-in of week 2 (reported in week 3), of week 3 (in week 4) and of week 4 (in week 5).
const scenario: SourceEvent[] = [
  ev(CohortScheduledV1, {
    cohortId,
    name: 'Summer',
    startDate: '2027-06-07',
    weeks: 6,
    timezone: 'Europe/Berlin',
    location: 'Berlin',
    workMode: 'HYBRID',
    capacity: 10,
    scheduledBy: 'pm',
  }),
  ev(InternEnrolledV1, {
    ...base,
    enrollmentId: 'e-1',
    name: 'Ada',
    email: 'ada@example.com',
    university: 'TU',
    degreeLevel: 'MASTERS',
    focusAreas: [],
    timezone: 'Europe/Berlin',
  }),
  ev(MentorAssignedV1, {
    ...base,
    assignmentId: 'a-1',
    mentorId: 'grace',
    role: 'PRIMARY',
    assignedAt: '2027-06-07T10:00:00.000Z',
  }),
  ev(OnboardingCompletedV1, { ...base, enrollmentId: 'e-1', completedAt: '2027-06-08T10:00:00.000Z' }),
  week(1),
  week(2),
  week(3),
  missed(2),
  week(4),
  missed(3),
  week(5),
  missed(4),
];

describe('risk by week', () => {
  it('records the weeks the level changed in, each week’s level being the last one seen in it', () => {
    const { row, changes } = history(scenario);
    expect(row.risk.level).toBe('RED');
    expect(changes.map((c) => [c.week, c.level])).toEqual([
      [1, 'GREEN'],
      [3, 'AMBER'],
      [5, 'RED'],
    ]);
    expect(changes[1]!.reasons).toEqual(['1 check-in missed (week 2)']);
  });

  it('is the same whatever order the events are consumed in (a rebuild finds the same history)', () => {
    const reversed = history([...scenario].reverse()).changes;
    const shuffled = history([...scenario].sort((a, b) => a.type.localeCompare(b.type))).changes;
    expect(reversed).toEqual(history(scenario).changes);
    expect(shuffled).toEqual(history(scenario).changes);
  });

  it('carries a level forward through the weeks without a change, up to the current week', () => {
    const { row, changes } = history(scenario);
    expect(riskByWeek(changes, row)).toEqual([
      { week: 1, level: 'GREEN' },
      { week: 2, level: 'GREEN' },
      { week: 3, level: 'AMBER' },
      { week: 4, level: 'AMBER' },
      { week: 5, level: 'RED' },
    ]);
  });

  it('is GREEN before the first record, the current week always the current level, and empty before week 1', () => {
    const p = (currentWeek: number, level: 'GREEN' | 'AMBER' | 'RED') => ({
      cohort: { name: null, weeks: 4, currentWeek, status: 'IN_PROGRESS' as const },
      extensionWeeks: 0,
      risk: { level, reasons: [] },
    });
    expect(riskByWeek([{ week: 2, level: 'RED' }], p(3, 'AMBER')).map((w) => w.level)).toEqual([
      'GREEN',
      'RED',
      'AMBER',
    ]);
    expect(riskByWeek([], p(0, 'GREEN'))).toEqual([]);
    // After the cohort's end (the clock at weeks + 1) the last week is the program's last.
    expect(riskByWeek([], p(5, 'AMBER')).map((w) => w.week)).toEqual([1, 2, 3, 4]);
    expect(riskWeekOf({ ...p(7, 'GREEN'), extensionWeeks: 2 })).toBe(6);
  });
});
