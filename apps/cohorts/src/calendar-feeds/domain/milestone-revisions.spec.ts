import { describe, expect, it } from '@jest/globals';
import { applyApproval, type ApprovedScope, type CalendarMilestone } from './milestone-revisions.js';

const approval = (version: number, milestones: ApprovedScope['milestones']): ApprovedScope => ({
  projectId: 'p-1',
  cohortId: 'c-1',
  internId: 'i-1',
  version,
  milestones,
});

describe('milestones of approved scopes on the calendar', () => {
  it('keeps the first approval’s milestones at SEQUENCE 0', () => {
    const rows = applyApproval([], approval(1, [{ milestoneId: 'm-1', title: 'Baseline', dueWeek: 4 }]));
    expect(rows).toEqual([
      {
        milestoneId: 'm-1',
        projectId: 'p-1',
        cohortId: 'c-1',
        internId: 'i-1',
        title: 'Baseline',
        dueWeek: 4,
        scopeVersion: 1,
        sequence: 0,
        removed: false,
      },
    ]);
  });

  it('raises SEQUENCE of a moved or renamed milestone, keeps an unchanged one, cancels a dropped one and brings it back later', () => {
    let rows: CalendarMilestone[] = applyApproval(
      [],
      approval(1, [
        { milestoneId: 'm-1', title: 'Baseline', dueWeek: 4 },
        { milestoneId: 'm-2', title: 'Model', dueWeek: 8 },
        { milestoneId: 'm-3', title: 'Demo', dueWeek: 10 },
      ]),
    );
    const merge = (next: CalendarMilestone[]) => {
      const byId = new Map(rows.map((r) => [r.milestoneId, r]));
      for (const r of next) byId.set(r.milestoneId, r);
      rows = [...byId.values()];
    };
    merge(
      applyApproval(
        rows,
        approval(2, [
          { milestoneId: 'm-1', title: 'Baseline', dueWeek: 4 },
          { milestoneId: 'm-2', title: 'Model', dueWeek: 9 },
        ]),
      ),
    );
    const seq = () => Object.fromEntries(rows.map((r) => [r.milestoneId, [r.sequence, r.removed, r.dueWeek]]));
    expect(seq()).toEqual({ 'm-1': [0, false, 4], 'm-2': [1, false, 9], 'm-3': [1, true, 10] });
    merge(applyApproval(rows, approval(3, [{ milestoneId: 'm-3', title: 'Demo day', dueWeek: 10 }])));
    expect(seq()).toEqual({ 'm-1': [1, true, 4], 'm-2': [2, true, 9], 'm-3': [2, false, 10] });
  });

  it('ignores an approval of a version not newer than the one applied (redelivered or late)', () => {
    const rows = applyApproval([], approval(2, [{ milestoneId: 'm-1', title: 'Baseline', dueWeek: 4 }]));
    expect(applyApproval(rows, approval(2, [{ milestoneId: 'm-1', title: 'Other', dueWeek: 5 }]))).toEqual([]);
    expect(applyApproval(rows, approval(1, []))).toEqual([]);
  });
});
