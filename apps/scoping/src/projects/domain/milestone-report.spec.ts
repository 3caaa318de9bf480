import { describe, expect, it } from '@jest/globals';
import { ConflictError } from '#ddd';
import { violatedFields as fields } from '#testing';
import {
  checkReportInput,
  isWebUrl,
  MilestoneReport,
  ReportStatus,
  ReviewDecision,
  type SubmitReportContext,
  validateReview,
} from './milestone-report.js';
import { Project, primaryMentorDecides } from './project.js';
import { aScope, draftContext } from './testing/scope-fixtures.js';

const now = new Date('2027-07-01T10:00:00Z');

function approvedScope() {
  const p = Project.start(
    { id: 'p-1', internId: 'i-1', cohortId: 'c-1', enrollmentId: 'e-1' },
    aScope(),
    draftContext(),
    'i-1',
    now,
  );
  p.submit('i-1', now, undefined, 'mentor-1');
  p.approve(primaryMentorDecides('mentor-1'), now, undefined, []);
  return p.inForce!;
}

function ctx(over: Partial<SubmitReportContext> = {}): SubmitReportContext {
  return {
    id: 'r-1',
    project: { id: 'p-1', internId: 'i-1', cohortId: 'c-1' },
    inForce: approvedScope(),
    milestoneId: 'm-1',
    previousReports: [],
    dueWeek: 4,
    currentWeek: 4,
    actorId: 'i-1',
    now,
    ...over,
  };
}

const input = {
  summary: 'Baseline trained',
  metricResults: [{ name: 'rmse', value: 0.83 }],
  links: ['https://github.com/acme/recs/pull/12'],
  blockers: [],
  nextSteps: ['Session features'],
};

describe('MilestoneReport.submit', () => {
  it('records the report against the scope’s metrics, on time during the due week', () => {
    const report = MilestoneReport.submit(input, ctx());
    expect(report.snapshot()).toMatchObject({
      attempt: 1,
      status: ReportStatus.SUBMITTED,
      scopeVersion: 1,
      late: false,
      submittedWeek: 4,
      dueWeek: 4,
      metricResults: [{ name: 'RMSE', value: 0.83, target: '≤ 0.85', comparator: 'LTE', meetsTarget: true }],
    });
    expect(report.pullDomainEvents()).toEqual([
      expect.objectContaining({
        name: 'MilestoneReportSubmitted',
        reportId: 'r-1',
        milestoneId: 'm-1',
        late: false,
        dueWeek: 4,
      }),
    ]);
  });

  it('flags a report submitted after the end of its due week as late', () => {
    expect(MilestoneReport.submit(input, ctx({ currentWeek: 5 })).snapshot().late).toBe(true);
    expect(MilestoneReport.submit(input, ctx({ currentWeek: 0 })).snapshot().late).toBe(false);
  });

  it('names every bad field: unknown or repeated metrics, non-URLs, empty entries', () => {
    expect(
      fields(() =>
        MilestoneReport.submit(
          {
            summary: ' ',
            metricResults: [
              { name: 'Accuracy', value: 0.9 },
              { name: 'RMSE', value: Number.NaN },
              { name: 'CTR uplift', value: 1 },
              { name: 'ctr uplift', value: 2 },
            ],
            links: ['https://ok.example', 'not a url', 'ftp://files.example/x'],
            blockers: [''],
            nextSteps: ['fine'],
          },
          ctx(),
        ),
      ),
    ).toEqual([
      'summary',
      'metricResults[0].name',
      'metricResults[1].value',
      'metricResults[3].name',
      'links[1]',
      'links[2]',
      'blockers[0]',
    ]);
  });

  it('is refused before approval, for a milestone not in force, while awaiting review and once accepted', () => {
    expect(() => MilestoneReport.submit(input, ctx({ inForce: undefined }))).toThrow(/no approved version/);
    expect(() => MilestoneReport.submit(input, ctx({ milestoneId: 'm-old' }))).toThrow(
      /not part of the scope in force/,
    );
    expect(() =>
      MilestoneReport.submit(input, ctx({ previousReports: [{ attempt: 1, status: ReportStatus.SUBMITTED }] })),
    ).toThrow(ConflictError);
    expect(() =>
      MilestoneReport.submit(
        input,
        ctx({
          previousReports: [
            { attempt: 1, status: ReportStatus.REVISION_REQUESTED },
            { attempt: 2, status: ReportStatus.ACCEPTED },
          ],
        }),
      ),
    ).toThrow(/already has an accepted report/);
  });

  it('takes a resubmission after a revision request as the next attempt', () => {
    const report = MilestoneReport.submit(
      input,
      ctx({ previousReports: [{ attempt: 1, status: ReportStatus.REVISION_REQUESTED }] }),
    );
    expect(report.snapshot().attempt).toBe(2);
  });
});

describe('MilestoneReport.review', () => {
  const submitted = () => {
    const r = MilestoneReport.submit(input, ctx());
    r.pullDomainEvents();
    return r;
  };

  it('accepts (feedback optional) or requests a revision (feedback required)', () => {
    const accepted = submitted();
    accepted.review(ReviewDecision.ACCEPTED, undefined, 'mentor-2', now);
    expect(accepted.snapshot()).toMatchObject({ status: 'ACCEPTED', reviewedBy: 'mentor-2', feedback: null });
    expect(accepted.pullDomainEvents()).toEqual([
      expect.objectContaining({ name: 'MilestoneReportReviewed', decision: 'ACCEPTED', mentorId: 'mentor-2' }),
    ]);

    const revise = submitted();
    expect(fields(() => revise.review(ReviewDecision.REVISION_REQUESTED, '  ', 'mentor-1', now))).toEqual(['feedback']);
    revise.review(ReviewDecision.REVISION_REQUESTED, 'Add the error analysis', 'mentor-1', now);
    expect(revise.snapshot()).toMatchObject({ status: 'REVISION_REQUESTED', feedback: 'Add the error analysis' });
  });

  it('reviews a report once: any later review is a CONFLICT', () => {
    const r = submitted();
    r.review(ReviewDecision.ACCEPTED, 'Great', 'mentor-1', now);
    expect(() => r.review(ReviewDecision.REVISION_REQUESTED, 'wait', 'mentor-1', now)).toThrow(ConflictError);
    const s = submitted();
    s.review(ReviewDecision.REVISION_REQUESTED, 'Redo', 'mentor-1', now);
    expect(() => s.review(ReviewDecision.ACCEPTED, null, 'mentor-1', now)).toThrow(ConflictError);
  });

  it('refuses an unknown decision', () => {
    expect(fields(() => submitted().review('MAYBE', 'x', 'mentor-1', now))).toEqual(['decision']);
  });
});

describe('the input’s own checks', () => {
  it('checkReportInput names what is wrong with a report on its own, leaving the metric names to the scope', () => {
    const report = {
      summary: ' ',
      metricResults: [
        { name: 'Accuracy', value: 0.9 },
        { name: 'RMSE', value: Number.NaN },
        { name: ' ', value: 1 },
      ],
      links: ['https://ok.example', 'not a url'],
      blockers: [''],
    };
    const own = fields(() => checkReportInput(report));
    expect(own).toEqual(['summary', 'metricResults[1].value', 'metricResults[2].name', 'links[1]', 'blockers[0]']);
    // MilestoneReport.submit refuses the same, and the name that is not one of the scope's metrics.
    expect(fields(() => MilestoneReport.submit(report, ctx()))).toEqual([
      'summary',
      'metricResults[0].name',
      ...own.slice(1),
    ]);
    expect(() => checkReportInput(input)).not.toThrow();
    expect(fields(() => checkReportInput({ summary: 'x', metricResults: 'rmse', links: 'https://x.example' }))).toEqual(
      ['metricResults', 'links'],
    );
  });

  it('validateReview wants a known decision, and feedback with a revision request', () => {
    expect(validateReview(ReviewDecision.ACCEPTED, undefined)).toEqual({ decision: 'ACCEPTED', feedback: null });
    expect(validateReview(ReviewDecision.REVISION_REQUESTED, ' Add it ')).toEqual({
      decision: 'REVISION_REQUESTED',
      feedback: 'Add it',
    });
    expect(fields(() => validateReview(ReviewDecision.REVISION_REQUESTED, '  '))).toEqual(['feedback']);
    expect(fields(() => validateReview('MAYBE', 7))).toEqual(['decision', 'feedback']);
  });
});

describe('isWebUrl', () => {
  it('accepts http(s) URLs only', () => {
    expect(isWebUrl('https://example.com/a?b=c')).toBe(true);
    expect(isWebUrl('http://localhost:8080')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('example.com')).toBe(false);
  });
});
