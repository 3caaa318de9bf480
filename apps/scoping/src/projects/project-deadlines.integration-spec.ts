import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { eventsTopic, InternshipExtendedV1 } from '#contracts';
import { eventually, ofType, signTestToken } from '#testing';
import { APPROVE, dataOf, DRAFT, PROJECT, projectsWorld, REPORT, scope, SUBMIT, T } from '../testing/projects-world.js';

// Deadlines in the real scoping service (see projects-world.ts), moved by the cohort's clock:
// CohortWeekStarted events published straight to the cohorts topic.
const world = projectsWorld();
const { run, gql, publish, consumed, waitOurs, oursWithin, cohortWith, assign, startWeek } = world;

describe('deadlines from the cohort’s clock', () => {
  it('announces an overdue scope once, however often CohortWeekStarted arrives', async () => {
    const lateId = `intern-overdue-${run}`;
    const onTimeId = `intern-on-time-${run}`;
    const silentId = `intern-silent-${run}`;
    const mentorId = `mentor-deadlines-${run}`;
    const cohortId = await cohortWith([lateId, onTimeId, silentId]);
    const late = await signTestToken({ sub: lateId, roles: ['INTERN'] });
    const onTime = await signTestToken({ sub: onTimeId, roles: ['INTERN'] });
    const mentor = await signTestToken({ sub: mentorId, roles: ['MENTOR'] });
    await assign(cohortId, onTimeId, mentorId, 'PRIMARY');

    // One intern drafts but is never approved, one is approved in time, one never drafts.
    const lateProject = (await gql(DRAFT, { input: scope() }, late)).data.draftProjectScope;
    const onTimeProject = (await gql(DRAFT, { input: scope() }, onTime)).data.draftProjectScope;
    await gql(SUBMIT, { input: { projectId: onTimeProject.id } }, onTime);
    expect((await gql(APPROVE, { input: { projectId: onTimeProject.id } }, mentor)).errors).toBeUndefined();

    await startWeek(cohortId, 1);
    await startWeek(cohortId, 2);
    expect(await oursWithin((m) => ofType(T.scopeOverdue)(m) && dataOf(m).cohortId === cohortId, 300)).toEqual([]);
    const week3 = await startWeek(cohortId, 3);
    const overdue = await waitOurs((m) => ofType(T.scopeOverdue)(m) && dataOf(m).cohortId === cohortId, 2);
    expect(overdue.map(dataOf).sort((a, b) => a.internId.localeCompare(b.internId))).toEqual([
      { cohortId, internId: lateId, projectId: lateProject.id, dueWeek: 2 },
      { cohortId, internId: silentId, projectId: null, dueWeek: 2 },
    ]);
    expect(overdue.find((m) => dataOf(m).internId === silentId)!.key).toBe(silentId);
    expect((await gql(PROJECT, { id: lateProject.id }, late)).data.project).toMatchObject({
      scopeOverdue: true,
      programWeek: 3,
      scopeDueWeek: 2,
    });

    // The same event again (a redelivery: the inbox stops it), the same week announced again under a
    // new id (the notice keys stop it), and the next week (already announced deadlines stay announced).
    await world.svc.send(eventsTopic('cohorts'), week3, cohortId);
    await startWeek(cohortId, 3);
    await startWeek(cohortId, 4);
    const inbox = (await world.svc.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [
      week3.id,
    ])) as {
      n: number;
    }[];
    expect(inbox[0]!.n).toBe(1);
    const all = await oursWithin((m) => ofType(T.scopeOverdue)(m) && dataOf(m).cohortId === cohortId, 1000);
    expect(all).toHaveLength(2);
    // And the outbox holds exactly those two: nothing was written twice.
    const written = (await world.svc.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE event_type = $1 AND envelope->'data'->>'cohortId' = $2`,
      [T.scopeOverdue, cohortId],
    )) as { n: number }[];
    expect(written[0]!.n).toBe(2);
  });

  it('announces an overdue milestone once, flags a late report, and moves both deadlines with an extension', async () => {
    const internId = `intern-milestones-${run}`;
    const extendedId = `intern-extended-${run}`;
    const mentorId = `mentor-milestones-${run}`;
    const cohortId = await cohortWith([internId, extendedId]);
    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const extended = await signTestToken({ sub: extendedId, roles: ['INTERN'] });
    const mentor = await signTestToken({ sub: mentorId, roles: ['MENTOR'] });
    await assign(cohortId, internId, mentorId, 'PRIMARY');
    await assign(cohortId, extendedId, mentorId, 'PRIMARY');
    const approve = async (token: string) => {
      const p = (
        await gql(
          DRAFT,
          {
            input: scope([
              { title: 'Baseline', dueWeek: 4 },
              { title: 'Model', dueWeek: 8 },
            ]),
          },
          token,
        )
      ).data.draftProjectScope;
      await gql(SUBMIT, { input: { projectId: p.id } }, token);
      const approved = await gql(APPROVE, { input: { projectId: p.id } }, mentor);
      expect(approved.errors).toBeUndefined();
      return p as { id: string; milestones: { id: string }[] };
    };
    const project = await approve(intern);
    const extendedProject = await approve(extended);

    // The second intern is extended by 2 weeks inserted after week 3: milestone week 4 → 6, 8 → 10.
    const extension = await publish('cohorts', InternshipExtendedV1, cohortId, {
      enrollmentId: `enr-${extendedId}`,
      cohortId,
      internId: extendedId,
      weeks: 2,
      totalExtensionWeeks: 2,
      programWeeks: 14,
      newEndDate: '2027-09-12',
      reason: 'illness',
      source: 'PROGRAM_MANAGER',
      extendedAfterWeek: 3,
    });
    await eventually(async () => ((await consumed(extension.id)) ? true : undefined));
    const extendedView = (await gql(PROJECT, { id: extendedProject.id }, extended)).data.project;
    expect(extendedView.programWeeks).toBe(14);
    expect(extendedView.milestones.map((m: any) => m.dueWeek)).toEqual([6, 10]);

    for (const week of [1, 2, 3, 4, 5]) await startWeek(cohortId, week);
    const [milestoneOverdue] = await waitOurs((m) => ofType(T.milestoneOverdue)(m) && dataOf(m).cohortId === cohortId);
    expect(dataOf(milestoneOverdue!)).toEqual({
      milestoneId: project.milestones[0]!.id,
      projectId: project.id,
      cohortId,
      internId,
      dueWeek: 4,
    });
    const view = (await gql(PROJECT, { id: project.id }, intern)).data.project;
    expect(view.milestones[0]).toMatchObject({ status: 'OPEN', overdue: true });

    // A report now is late; a revision request and a resubmission later, the mentor accepts it.
    const report = await gql(
      REPORT,
      {
        input: {
          milestoneId: project.milestones[0]!.id,
          summary: 'Baseline trained',
          metricResults: [{ name: 'RMSE', value: 0.9 }],
          links: ['https://example.com/pr/1'],
        },
      },
      intern,
    );
    expect(report.errors).toBeUndefined();
    expect(report.data.submitMilestoneReport).toMatchObject({
      attempt: 1,
      status: 'SUBMITTED',
      late: true,
      dueWeek: 4,
      submittedWeek: 5,
      metricResults: [{ name: 'RMSE', value: 0.9, meetsTarget: false }],
    });
    const [submittedEvent] = await waitOurs(ofType(T.reportSubmitted, project.id));
    expect(dataOf(submittedEvent!)).toMatchObject({ late: true, dueWeek: 4, milestoneId: project.milestones[0]!.id });

    // The extended intern's first milestone is not due until the end of week 6.
    expect(await oursWithin((m) => ofType(T.milestoneOverdue)(m) && dataOf(m).internId === extendedId, 300)).toEqual(
      [],
    );
    await startWeek(cohortId, 7);
    const [extendedOverdue] = await waitOurs((m) => ofType(T.milestoneOverdue)(m) && dataOf(m).internId === extendedId);
    expect(dataOf(extendedOverdue!)).toMatchObject({ milestoneId: extendedProject.milestones[0]!.id, dueWeek: 6 });
    // And the first intern's milestone was announced once, whatever came since.
    expect(await oursWithin((m) => ofType(T.milestoneOverdue)(m) && dataOf(m).internId === internId, 500)).toHaveLength(
      1,
    );
  });
});
