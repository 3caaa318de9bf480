import { describe, expect, it } from '@jest/globals';
import { shiftWeek, totalExtensionWeeks } from '#calendar';
import {
  internDeadline,
  internScopeDueWeek,
  type CohortCalendar,
  type ExtensionGrant,
} from '../../program/domain/program-calendar.js';
import { overdueNotices, type InternDeadlineState } from './deadlines.js';

const berlin: CohortCalendar = { cohortId: 'c-1', startDate: '2027-06-07', weeks: 12, timezone: 'Europe/Berlin' };

const milestones = [
  { id: 'm-1', title: 'Baseline', dueWeek: 4, acceptanceCriteria: ['x'] },
  { id: 'm-2', title: 'Model', dueWeek: 8, acceptanceCriteria: ['x'] },
];

function intern(over: Partial<InternDeadlineState> = {}): InternDeadlineState {
  return {
    internId: 'i-1',
    cohortId: 'c-1',
    active: true,
    grants: [],
    project: { id: 'p-1', inForce: { version: 1, extensionGrantsSeen: 0, milestones } },
    acceptedMilestoneIds: new Set(),
    ...over,
  };
}

describe('deadline arithmetic with extensions', () => {
  it('moves a due week by the extensions inserted before it, in the order granted', () => {
    const grants: ExtensionGrant[] = [
      { weeks: 2, afterWeek: 5 },
      { weeks: 1, afterWeek: 9 },
    ];
    expect(shiftWeek(4, grants)).toBe(4); // before both insertion points
    expect(shiftWeek(5, grants)).toBe(5); // the week the first extension follows
    expect(shiftWeek(6, grants)).toBe(8);
    // Week 8 moves to 10 by the first grant, which is after the second's insertion point (9).
    expect(shiftWeek(8, grants)).toBe(11);
    expect(shiftWeek(12, grants)).toBe(15);
    expect(totalExtensionWeeks(grants)).toBe(3);
  });

  it('moves every due week for an extension that does not say where it was inserted', () => {
    expect(shiftWeek(2, [{ weeks: 3, afterWeek: null }])).toBe(5);
    expect(shiftWeek(8, [{ weeks: 3, afterWeek: null }])).toBe(11);
  });

  it('moves the scope deadline only for an extension inserted before the end of week 2', () => {
    expect(internScopeDueWeek([])).toBe(2);
    expect(internScopeDueWeek([{ weeks: 2, afterWeek: 1 }])).toBe(4);
    expect(internScopeDueWeek([{ weeks: 3, afterWeek: null }])).toBe(5);
    // The cohorts service inserts extension weeks after week 2 at the earliest: the scope stays due.
    expect(internScopeDueWeek([{ weeks: 2, afterWeek: 2 }])).toBe(2);
  });

  it('gives the dates of an extended intern’s weeks past the cohort’s end', () => {
    const grants = [{ weeks: 3, afterWeek: 6 }];
    expect(internDeadline(berlin, 15, grants)).toEqual({
      week: 15,
      dueDate: '2027-09-19',
      dueAt: new Date('2027-09-19T22:00:00.000Z'),
    });
    expect(() => internDeadline(berlin, 16, grants)).toThrow(/1–15/);
    expect(() => internDeadline(berlin, 13)).toThrow(/1–12/);
  });
});

describe('overdueNotices', () => {
  it('flags the scope once week 2 is over and no version is approved', () => {
    const drafting = intern({ project: { id: 'p-1', inForce: undefined } });
    expect(overdueNotices(drafting, 1)).toEqual([]);
    expect(overdueNotices(drafting, 2)).toEqual([
      { kind: 'SCOPE', subject: 'c-1/i-1', internId: 'i-1', cohortId: 'c-1', projectId: 'p-1', dueWeek: 2 },
    ]);
    // An intern who never drafted is overdue too, without a project.
    expect(overdueNotices(intern({ project: null }), 3)).toEqual([
      { kind: 'SCOPE', subject: 'c-1/i-1', internId: 'i-1', cohortId: 'c-1', projectId: null, dueWeek: 2 },
    ]);
  });

  it('moves the scope deadline with an extension', () => {
    const state = intern({ project: null, grants: [{ weeks: 2, afterWeek: 1 }] });
    expect(overdueNotices(state, 3)).toEqual([]);
    expect(overdueNotices(state, 4).map((n) => n.dueWeek)).toEqual([4]);
  });

  it('flags milestones of the version in force without an accepted report by the end of their due week', () => {
    expect(overdueNotices(intern(), 3)).toEqual([]);
    expect(overdueNotices(intern(), 4)).toEqual([
      {
        kind: 'MILESTONE',
        subject: 'm-1',
        internId: 'i-1',
        cohortId: 'c-1',
        projectId: 'p-1',
        milestoneId: 'm-1',
        dueWeek: 4,
      },
    ]);
    expect(overdueNotices(intern(), 9).map((n) => n.subject)).toEqual(['m-1', 'm-2']);
    expect(overdueNotices(intern({ acceptedMilestoneIds: new Set(['m-1']) }), 9).map((n) => n.subject)).toEqual([
      'm-2',
    ]);
  });

  it('moves milestone deadlines with extensions granted after the scope was written', () => {
    const extended = intern({ grants: [{ weeks: 2, afterWeek: 5 }] });
    expect(overdueNotices(extended, 8)).toEqual([expect.objectContaining({ subject: 'm-1', dueWeek: 4 })]);
    expect(overdueNotices(extended, 10).map((n) => [n.subject, n.dueWeek])).toEqual([
      ['m-1', 4],
      ['m-2', 10],
    ]);
    // Written after the extension: the planned weeks already are the intern's own weeks.
    const writtenAfter = intern({
      grants: [{ weeks: 2, afterWeek: 5 }],
      project: { id: 'p-1', inForce: { version: 2, extensionGrantsSeen: 1, milestones } },
    });
    expect(overdueNotices(writtenAfter, 8).map((n) => [n.subject, n.dueWeek])).toEqual([
      ['m-1', 4],
      ['m-2', 8],
    ]);
  });

  it('has nothing for a withdrawn or terminated intern', () => {
    expect(overdueNotices(intern({ active: false, project: null }), 10)).toEqual([]);
  });
});
