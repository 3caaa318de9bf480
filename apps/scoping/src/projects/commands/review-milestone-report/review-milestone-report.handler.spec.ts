import { describe, expect, it } from '@jest/globals';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#ddd';
import { MilestoneReport, ReviewDecision } from '../../domain/milestone-report.js';
import {
  adasProject,
  callers,
  CO_MENTOR_ID,
  COHORT_ID,
  INTERN_ID,
  PROJECT_ID,
  scopingFakes,
  uuid,
} from '../testing/fakes.js';
import { ReviewMilestoneReportCommand } from './review-milestone-report.command.js';
import { ReviewMilestoneReportHandler } from './review-milestone-report.handler.js';

const SUBMITTED = new Date('2027-06-30T09:00:00Z');
const NOW = new Date('2027-07-01T15:30:00Z');
const BASELINE = uuid(101);
const REPORT_ID = uuid(201);

function setup() {
  const f = scopingFakes(NOW);
  const project = adasProject('APPROVED', SUBMITTED);
  f.projects.seed(project);
  f.reports.seed(
    MilestoneReport.submit(
      { summary: 'Baseline measured' },
      {
        id: REPORT_ID,
        project: { id: PROJECT_ID, internId: INTERN_ID, cohortId: COHORT_ID },
        inForce: project.inForce,
        milestoneId: BASELINE,
        previousReports: [],
        dueWeek: 4,
        currentWeek: 4,
        actorId: INTERN_ID,
        now: SUBMITTED,
      },
    ),
  );
  const handler = f.build(ReviewMilestoneReportHandler);
  return { ...f, handler, before: f.reports.reports.get(REPORT_ID) };
}

describe('ReviewMilestoneReportHandler', () => {
  it('lets a co-mentor accept the report and appends MilestoneReportReviewed.v1 keyed by the project', async () => {
    const { handler, reports, outbox, dataSource } = setup();
    const reviewed = await handler.execute(
      new ReviewMilestoneReportCommand(REPORT_ID, ReviewDecision.ACCEPTED, null, callers.coMentor),
    );

    expect(reviewed).toMatchObject({ id: REPORT_ID, status: 'ACCEPTED', reviewedBy: CO_MENTOR_ID, reviewedAt: NOW });
    expect(dataSource.transactions).toBe(1);
    expect(reports.reports.get(REPORT_ID)).toEqual(reviewed);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.scoping.MilestoneReportReviewed.v1',
        subject: PROJECT_ID,
        data: {
          reportId: REPORT_ID,
          milestoneId: BASELINE,
          projectId: PROJECT_ID,
          cohortId: COHORT_ID,
          internId: INTERN_ID,
          mentorId: CO_MENTOR_ID,
          dueWeek: 4,
          decision: 'ACCEPTED',
        },
      },
    ]);
  });

  it('requests a revision with the feedback', async () => {
    const { handler, reports, outbox } = setup();
    await handler.execute(
      new ReviewMilestoneReportCommand(
        REPORT_ID,
        ReviewDecision.REVISION_REQUESTED,
        '  Add the CTR  ',
        callers.primary,
      ),
    );
    expect(reports.reports.get(REPORT_ID)).toMatchObject({ status: 'REVISION_REQUESTED', feedback: 'Add the CTR' });
    expect(outbox.events.map((e) => e.data)).toEqual([
      expect.objectContaining({ decision: 'REVISION_REQUESTED', mentorId: callers.primary.sub }),
    ]);
  });

  it('refuses a revision request without feedback naming the field, before any transaction, writing nothing', async () => {
    const { handler, reports, outbox, dataSource, before } = setup();
    const err = await handler
      .execute(new ReviewMilestoneReportCommand(REPORT_ID, ReviewDecision.REVISION_REQUESTED, '  ', callers.primary))
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations.map((v) => v.field)).toEqual(['feedback']);
    expect(reports.reports.get(REPORT_ID)).toBe(before);
    expect(outbox.events).toEqual([]);
    expect(dataSource.transactions).toBe(0);
  });

  it('forbids the intern to review their own report and hides it from other mentors', async () => {
    const { handler, reports, outbox, before } = setup();
    const own = await handler
      .execute(new ReviewMilestoneReportCommand(REPORT_ID, ReviewDecision.ACCEPTED, null, callers.intern))
      .catch((e: unknown) => e);
    expect(own).toBeInstanceOf(ForbiddenError);
    expect((own as Error).message).toBe('only a mentor of the intern may review its milestone reports');

    const stranger = await handler
      .execute(new ReviewMilestoneReportCommand(REPORT_ID, ReviewDecision.ACCEPTED, null, callers.stranger))
      .catch((e: unknown) => e);
    expect(stranger).toBeInstanceOf(NotFoundError);
    expect((stranger as Error).message).toBe(`MilestoneReport ${REPORT_ID} was not found`);
    await expect(
      handler.execute(new ReviewMilestoneReportCommand(uuid(999), ReviewDecision.ACCEPTED, null, callers.primary)),
    ).rejects.toThrow(`MilestoneReport ${uuid(999)} was not found`);
    expect(reports.reports.get(REPORT_ID)).toBe(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses to review a report that was already reviewed with CONFLICT, changing nothing', async () => {
    const { handler, reports, outbox } = setup();
    await handler.execute(new ReviewMilestoneReportCommand(REPORT_ID, ReviewDecision.ACCEPTED, null, callers.primary));
    const accepted = reports.reports.get(REPORT_ID);
    const err = await handler
      .execute(new ReviewMilestoneReportCommand(REPORT_ID, ReviewDecision.REVISION_REQUESTED, 'Redo', callers.coMentor))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toBe(`report ${REPORT_ID} is ACCEPTED: only a SUBMITTED report can be reviewed`);
    expect(reports.reports.get(REPORT_ID)).toBe(accepted);
    expect(outbox.types()).toEqual(['mentorflow.scoping.MilestoneReportReviewed.v1']);
  });
});
