import { describe, expect, it } from '@jest/globals';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#ddd';
import { adasProject, callers, COHORT_ID, INTERN_ID, PROJECT_ID, scopingFakes, uuid } from '../testing/fakes.js';
import { SubmitMilestoneReportCommand } from './submit-milestone-report.command.js';
import { SubmitMilestoneReportHandler } from './submit-milestone-report.handler.js';

const APPROVED = new Date('2027-06-18T09:00:00Z');
const NOW = new Date('2027-07-06T15:30:00Z');
const BASELINE = uuid(101); // due week 4
const REPORT = {
  summary: '  Baseline measured  ',
  metricResults: [{ name: 'rmse', value: 0.82 }],
  links: ['https://git.example.com/ada/recs/pull/7'],
  blockers: [],
  nextSteps: ['Session features'],
};

function setup(stage: 'DRAFT' | 'APPROVED' = 'APPROVED') {
  const f = scopingFakes(NOW);
  f.projects.seed(adasProject(stage, APPROVED));
  f.projections.atWeek(5);
  const handler = f.build(SubmitMilestoneReportHandler);
  return { ...f, handler };
}

describe('SubmitMilestoneReportHandler', () => {
  it('stores attempt 1 (late after its due week) and appends MilestoneReportSubmitted.v1 keyed by the project', async () => {
    const { handler, projects, reports, outbox, dataSource } = setup();
    const report = await handler.execute(new SubmitMilestoneReportCommand(BASELINE, REPORT, callers.intern));

    expect(report).toMatchObject({
      projectId: PROJECT_ID,
      milestoneId: BASELINE,
      internId: INTERN_ID,
      cohortId: COHORT_ID,
      scopeVersion: 1,
      attempt: 1,
      status: 'SUBMITTED',
      summary: 'Baseline measured',
      metricResults: [
        { name: 'RMSE', value: 0.82, target: '≤ 0.85', unit: 'rating points', comparator: 'LTE', meetsTarget: true },
      ],
      dueWeek: 4,
      submittedWeek: 5,
      late: true,
      submittedBy: INTERN_ID,
      submittedAt: NOW,
    });
    expect(dataSource.transactions).toBe(1);
    expect(projects.locked).toEqual([PROJECT_ID]);
    expect([...reports.reports.values()]).toEqual([report]);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.scoping.MilestoneReportSubmitted.v1',
        subject: PROJECT_ID,
        data: {
          reportId: report.id,
          milestoneId: BASELINE,
          projectId: PROJECT_ID,
          cohortId: COHORT_ID,
          internId: INTERN_ID,
          dueWeek: 4,
          late: true,
          submittedAt: '2027-07-06T15:30:00.000Z',
        },
      },
    ]);
  });

  it('follows the intern’s own calendar: an extension before the due week moves it, so the report is on time', async () => {
    const { handler, projections, outbox } = setup();
    projections.update({ grants: [{ weeks: 2, afterWeek: 2 }], programWeeks: 14 });
    const report = await handler.execute(new SubmitMilestoneReportCommand(BASELINE, REPORT, callers.intern));
    expect(report).toMatchObject({ dueWeek: 6, late: false });
    expect(outbox.events[0]!.data).toMatchObject({ dueWeek: 6, late: false });
  });

  it('refuses bad input naming each field, before any transaction, writing nothing', async () => {
    const { handler, reports, outbox, dataSource } = setup();
    const err = await handler
      .execute(
        new SubmitMilestoneReportCommand(BASELINE, { ...REPORT, summary: ' ', links: ['ftp://files'] }, callers.intern),
      )
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations.map((v) => v.field)).toEqual(['summary', 'links[0]']);
    expect(reports.reports.size).toBe(0);
    expect(outbox.events).toEqual([]);
    expect(dataSource.transactions).toBe(0);
  });

  it('refuses a metric the scope in force does not have, known only in the transaction, which keeps nothing', async () => {
    const { handler, reports, outbox, dataSource } = setup();
    const err = await handler
      .execute(
        new SubmitMilestoneReportCommand(
          BASELINE,
          { ...REPORT, metricResults: [{ name: 'Accuracy', value: 1 }] },
          callers.intern,
        ),
      )
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations.map((v) => v.field)).toEqual(['metricResults[0].name']);
    expect(dataSource.transactions).toBe(1);
    expect(reports.reports.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a second report while the first awaits review, and any before the scope is approved, with CONFLICT', async () => {
    const { handler, reports, outbox } = setup();
    const first = await handler.execute(new SubmitMilestoneReportCommand(BASELINE, REPORT, callers.intern));
    const again = await handler
      .execute(new SubmitMilestoneReportCommand(BASELINE, REPORT, callers.intern))
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as Error).message).toMatch(/awaits a mentor's review/);
    expect([...reports.reports.values()]).toEqual([first]);
    expect(outbox.events).toHaveLength(1);

    const draft = setup('DRAFT');
    await expect(
      draft.handler.execute(new SubmitMilestoneReportCommand(BASELINE, REPORT, callers.intern)),
    ).rejects.toThrow(/the scope has no approved version yet/);
    expect(draft.reports.reports.size).toBe(0);
    expect(draft.outbox.events).toEqual([]);
  });

  it('hides the milestone from another intern, forbids the mentor to report, and does not know other milestones', async () => {
    const { handler, reports, outbox } = setup();
    const other = await handler
      .execute(new SubmitMilestoneReportCommand(BASELINE, REPORT, callers.otherIntern))
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(NotFoundError);
    expect((other as Error).message).toBe(`Milestone ${BASELINE} was not found`);
    await expect(
      handler.execute(new SubmitMilestoneReportCommand(BASELINE, REPORT, callers.primary)),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(handler.execute(new SubmitMilestoneReportCommand(uuid(999), REPORT, callers.intern))).rejects.toThrow(
      `Milestone ${uuid(999)} was not found`,
    );
    expect(reports.reports.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });
});
