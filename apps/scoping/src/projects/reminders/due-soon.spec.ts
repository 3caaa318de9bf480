import { describe, expect, it } from '@jest/globals';
import { weekStartsAt } from '#calendar';
import { dueSoonReminders, type InternReminderState, type ReminderClock } from './due-soon.js';

const START = '2027-06-07'; // Monday; week 2 is 14–20 June, week 4 is 28 June – 4 July
const TZ = 'Europe/Berlin';
const clockAt = (now: string, earliestWeek = 1): ReminderClock => ({
  startDate: START,
  timezone: TZ,
  now: new Date(now),
  earliestWeek,
});
// Saturday 19 June 00:00 in Berlin: two days before the end of week 2.
const SCOPE_REMINDER = '2027-06-18T22:00:00.000Z';

function state(over: Partial<InternReminderState> = {}): InternReminderState {
  return {
    internId: 'ada',
    cohortId: 'c1',
    active: true,
    grants: [],
    project: null,
    acceptedMilestoneIds: new Set(),
    awaitingApproval: false,
    awaitingReviewMilestoneIds: new Set(),
    noticed: new Set(),
    ...over,
  };
}

const approved = (milestones: { id: string; title: string; dueWeek: number }[], extensionGrantsSeen = 0) => ({
  id: 'p1',
  inForce: {
    version: 1,
    extensionGrantsSeen,
    milestones: milestones.map((m) => ({ ...m, acceptanceCriteria: ['done'] })),
  },
});

describe('the scope due soon', () => {
  it('is due two days before the end of the scope week (Saturday 00:00 local), not a moment earlier', () => {
    expect(dueSoonReminders(state(), clockAt('2027-06-18T21:59:59.999Z'))).toEqual([]);
    expect(dueSoonReminders(state(), clockAt(SCOPE_REMINDER))).toEqual([
      {
        kind: 'SCOPE',
        subject: 'c1/ada',
        cohortId: 'c1',
        internId: 'ada',
        projectId: null,
        dueWeek: 2,
        dueOn: '2027-06-20',
        awaitingApproval: false,
      },
    ]);
  });

  it('says when a submitted version awaits approval', () => {
    const [r] = dueSoonReminders(
      state({ project: { id: 'p1', inForce: undefined }, awaitingApproval: true }),
      clockAt(SCOPE_REMINDER),
    );
    expect(r).toMatchObject({ kind: 'SCOPE', projectId: 'p1', awaitingApproval: true });
  });

  it('is never due once a version is approved, once announced overdue, or for an intern who left', () => {
    expect(dueSoonReminders(state({ project: approved([]) }), clockAt(SCOPE_REMINDER))).toEqual([]);
    expect(dueSoonReminders(state({ noticed: new Set(['SCOPE/c1/ada']) }), clockAt(SCOPE_REMINDER))).toEqual([]);
    expect(dueSoonReminders(state({ active: false }), clockAt(SCOPE_REMINDER))).toEqual([]);
  });

  it('is not sent for a week before the clock’s earliest (an intern enrolled after the deadline passed)', () => {
    expect(dueSoonReminders(state(), clockAt('2027-07-01T10:00:00Z', 4))).toEqual([]);
    // The clock event that starts week 3 passes week 2: its reminder is still sent (before the overdue).
    expect(dueSoonReminders(state(), clockAt(weekStartsAt(START, 3, TZ).toISOString(), 2))).toHaveLength(1);
  });

  it('moves with an extension inserted before the scope week', () => {
    const extended = state({ grants: [{ weeks: 2, afterWeek: 1 }] }); // scope week 2 → 4
    expect(dueSoonReminders(extended, clockAt(SCOPE_REMINDER))).toEqual([]);
    expect(dueSoonReminders(extended, clockAt('2027-07-02T22:00:00Z'))).toMatchObject([
      { kind: 'SCOPE', dueWeek: 4, dueOn: '2027-07-04' },
    ]);
  });
});

describe('a milestone due soon', () => {
  const milestones = [
    { id: 'm1', title: 'Baseline', dueWeek: 4 },
    { id: 'm2', title: 'Model', dueWeek: 8 },
  ];
  const WEEK4_REMINDER = '2027-07-02T22:00:00.000Z'; // Saturday 3 July 00:00 in Berlin

  it('is due two days before the end of its due week, one per milestone', () => {
    expect(dueSoonReminders(state({ project: approved(milestones) }), clockAt(WEEK4_REMINDER))).toEqual([
      {
        kind: 'MILESTONE',
        subject: 'm1',
        cohortId: 'c1',
        internId: 'ada',
        projectId: 'p1',
        milestoneId: 'm1',
        title: 'Baseline',
        dueWeek: 4,
        dueOn: '2027-07-04',
        awaitingReview: false,
      },
    ]);
  });

  it('says when a report awaits review, and is never due once a report is accepted or it was announced overdue', () => {
    const base = { project: approved(milestones) };
    expect(
      dueSoonReminders(state({ ...base, awaitingReviewMilestoneIds: new Set(['m1']) }), clockAt(WEEK4_REMINDER)),
    ).toMatchObject([{ milestoneId: 'm1', awaitingReview: true }]);
    expect(
      dueSoonReminders(state({ ...base, acceptedMilestoneIds: new Set(['m1']) }), clockAt(WEEK4_REMINDER)),
    ).toEqual([]);
    expect(dueSoonReminders(state({ ...base, noticed: new Set(['MILESTONE/m1']) }), clockAt(WEEK4_REMINDER))).toEqual(
      [],
    );
  });

  it('moves with an extension granted after the version was written (a new due date, a new reminder)', () => {
    const extended = state({ project: approved(milestones), grants: [{ weeks: 2, afterWeek: 3 }] }); // 4 → 6
    expect(dueSoonReminders(extended, clockAt(WEEK4_REMINDER))).toEqual([]);
    expect(dueSoonReminders(extended, clockAt('2027-07-16T22:00:00Z'))).toMatchObject([
      { milestoneId: 'm1', dueWeek: 6, dueOn: '2027-07-18' },
    ]);
  });
});
