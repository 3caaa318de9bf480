import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { InternshipExtendedV1 } from '#contracts';
import { systemClock } from '#ddd';
import { Outbox } from '#messaging';
import { eventually, ofType, signTestToken } from '#testing';
import {
  APPROVE,
  dataOf,
  DRAFT,
  projectsWorld,
  REPORT,
  REVIEW,
  scope,
  SUBMIT,
  T,
} from '../../testing/projects-world.js';
import { AssignmentRepository } from '../../assignments/persistence/assignment.repository.js';
import { ProgramRepository } from '../../program/persistence/program.repository.js';
import { DeadlineNoticeRepository } from '../persistence/deadline-notice.repository.js';
import { DueSoonReminderRepository } from '../persistence/due-soon-reminder.repository.js';
import { DueSoonReminders } from './due-soon-reminders.js';

// Reminders in the real scoping service on Postgres and Kafka. The scheduler is off
// (REMINDER_TICK_MS=0): the specs run its pass themselves, with the instant they need. The cohort
// starts on Monday 2027-06-07 in Europe/Berlin; the clock moves by CohortWeekStarted events.
const world = projectsWorld({ REMINDER_TICK_MS: '0' });
const { run, gql, publish, consumed, waitOurs, oursWithin, cohortWith, assign, startWeek } = world;
const reminders = () => world.svc.app.get(DueSoonReminders);

// Saturday 00:00 in Berlin of week 4 (28 June – 4 July) and week 6 (12–18 July).
const WEEK4_REMINDER = new Date('2027-07-02T22:00:00.000Z');
const WEEK6_REMINDER = new Date('2027-07-16T22:00:00.000Z');
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

async function outboxTypes(cohortId: string): Promise<{ type: string; intern: string }[]> {
  return (await world.svc.dataSource.query(
    `SELECT event_type AS type, envelope->'data'->>'internId' AS intern FROM outbox
      WHERE envelope->'data'->>'cohortId' = $1 ORDER BY id`,
    [cohortId],
  )) as { type: string; intern: string }[];
}

async function sentIn(cohortId: string): Promise<number> {
  const rows = (await world.svc.dataSource.query(
    `SELECT count(*)::int AS n FROM outbox WHERE event_type LIKE '%DueSoon%' AND envelope->'data'->>'cohortId' = $1`,
    [cohortId],
  )) as { n: number }[];
  return rows[0]!.n;
}

describe('reminders two days before the scope deadline', () => {
  it('are published by the clock event that passes the reminder time, once, before the overdue notice, never for a met deadline', async () => {
    const silentId = `intern-silent-${run}`;
    const waitingId = `intern-waiting-${run}`;
    const approvedId = `intern-approved-${run}`;
    const mentorId = `mentor-scope-${run}`;
    const cohortId = await cohortWith([silentId, waitingId, approvedId]);
    const waiting = await signTestToken({ sub: waitingId, roles: ['INTERN'] });
    const approved = await signTestToken({ sub: approvedId, roles: ['INTERN'] });
    const mentor = await signTestToken({ sub: mentorId, roles: ['MENTOR'] });
    await assign(cohortId, waitingId, mentorId, 'PRIMARY');
    await assign(cohortId, approvedId, mentorId, 'PRIMARY');
    const waitingProject = (await gql(DRAFT, { input: scope() }, waiting)).data.draftProjectScope;
    await gql(SUBMIT, { input: { projectId: waitingProject.id } }, waiting);
    const approvedProject = (await gql(DRAFT, { input: scope() }, approved)).data.draftProjectScope;
    await gql(SUBMIT, { input: { projectId: approvedProject.id } }, approved);
    expect((await gql(APPROVE, { input: { projectId: approvedProject.id } }, mentor)).errors).toBeUndefined();

    // A sandbox clock: week 2 starts, the wall clock is long before it; Saturday of week 2 is not reached.
    await startWeek(cohortId, 1);
    await startWeek(cohortId, 2);
    expect(await reminders().pass()).toBe(0);
    expect(await oursWithin((m) => ofType(T.scopeDueSoon)(m) && dataOf(m).cohortId === cohortId, 300)).toEqual([]);

    // Week 3 starts: the jumped week's reminders go out, then the overdue notices.
    await startWeek(cohortId, 3);
    const dueSoon = await waitOurs((m) => ofType(T.scopeDueSoon)(m) && dataOf(m).cohortId === cohortId, 2);
    expect(dueSoon.map(dataOf).sort((a, b) => a.internId.localeCompare(b.internId))).toEqual([
      {
        cohortId,
        internId: silentId,
        projectId: null,
        dueWeek: 2,
        dueOn: '2027-06-20',
        primaryMentorId: null,
        awaitingApproval: false,
      },
      {
        cohortId,
        internId: waitingId,
        projectId: waitingProject.id,
        dueWeek: 2,
        dueOn: '2027-06-20',
        primaryMentorId: mentorId,
        awaitingApproval: true,
      },
    ]);
    const order = (await outboxTypes(cohortId)).filter(
      (e) => e.intern !== approvedId && /Scope(DueSoon|Overdue)/.test(e.type),
    );
    expect(order.map((e) => e.type.split('.')[2])).toEqual([
      'ProjectScopeDueSoon',
      'ProjectScopeDueSoon',
      'ProjectScopeOverdue',
      'ProjectScopeOverdue',
    ]);

    // Never again: the scheduler, the next weeks, the same week under a new id.
    expect(await reminders().pass()).toBe(0);
    await startWeek(cohortId, 3);
    await startWeek(cohortId, 4);
    expect(await reminders().pass(minutes(WEEK4_REMINDER, -1))).toBe(0);
    expect(await oursWithin((m) => ofType(T.scopeDueSoon)(m) && dataOf(m).cohortId === cohortId, 500)).toHaveLength(2);
    const stored = (await world.svc.dataSource.query(
      `SELECT count(*)::int AS n FROM due_soon_reminders WHERE cohort_id = $1 AND kind = 'SCOPE'`,
      [cohortId],
    )) as { n: number }[];
    expect(stored[0]!.n).toBe(2);
  });
});

describe('reminders two days before a milestone deadline', () => {
  it('are published by the scheduler at the reminder time once (a second pass, a concurrent one, a restarted instance), moved by an extension, never once accepted', async () => {
    const lateId = `intern-m-late-${run}`;
    const doneId = `intern-m-done-${run}`;
    const extendedId = `intern-m-ext-${run}`;
    const mentorId = `mentor-m-${run}`;
    const cohortId = await cohortWith([lateId, doneId, extendedId]);
    const mentor = await signTestToken({ sub: mentorId, roles: ['MENTOR'] });
    const projects = new Map<string, { id: string; milestones: { id: string }[] }>();
    for (const internId of [lateId, doneId, extendedId]) {
      await assign(cohortId, internId, mentorId, 'PRIMARY');
      const token = await signTestToken({ sub: internId, roles: ['INTERN'] });
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
      expect((await gql(APPROVE, { input: { projectId: p.id } }, mentor)).errors).toBeUndefined();
      projects.set(internId, p);
    }
    // One intern's first milestone is accepted before its reminder: that deadline is met.
    const done = await signTestToken({ sub: doneId, roles: ['INTERN'] });
    const report = await gql(
      REPORT,
      {
        input: {
          milestoneId: projects.get(doneId)!.milestones[0]!.id,
          summary: 'Baseline trained',
          metricResults: [{ name: 'RMSE', value: 0.8 }],
          links: ['https://example.com/pr/1'],
        },
      },
      done,
    );
    expect(report.errors).toBeUndefined();
    const review = await gql(
      REVIEW,
      { input: { reportId: report.data.submitMilestoneReport.id, decision: 'ACCEPTED', feedback: 'Good' } },
      mentor,
    );
    expect(review.errors).toBeUndefined();
    // The third intern is extended by 2 weeks after week 3: their milestone week 4 → 6.
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
    for (const week of [1, 2, 3, 4]) await startWeek(cohortId, week);

    // A minute before the reminder time nothing; at it, one reminder (two replicas' passes at once
    // and a pass after a restart send nothing more).
    // (Other specs' cohorts share the database: counted per cohort.)
    await reminders().pass(minutes(WEEK4_REMINDER, -1));
    expect(await sentIn(cohortId)).toBe(0);
    await Promise.all([reminders().pass(minutes(WEEK4_REMINDER, 1)), reminders().pass(minutes(WEEK4_REMINDER, 1))]);
    expect(await sentIn(cohortId)).toBe(1);
    await reminders().pass(minutes(WEEK4_REMINDER, 60));
    expect(await sentIn(cohortId)).toBe(1);
    // A restarted service: a new instance on the same database, nothing of the last one in memory.
    const restarted = new DueSoonReminders(
      world.svc.dataSource,
      world.svc.app.get(ProgramRepository),
      world.svc.app.get(DeadlineNoticeRepository),
      world.svc.app.get(DueSoonReminderRepository),
      world.svc.app.get(AssignmentRepository),
      world.svc.app.get(Outbox),
      systemClock,
    );
    await restarted.pass(minutes(WEEK4_REMINDER, 61));
    expect(await sentIn(cohortId)).toBe(1);
    const [dueSoon] = await waitOurs((m) => ofType(T.milestoneDueSoon)(m) && dataOf(m).cohortId === cohortId);
    expect(dataOf(dueSoon!)).toEqual({
      milestoneId: projects.get(lateId)!.milestones[0]!.id,
      projectId: projects.get(lateId)!.id,
      cohortId,
      internId: lateId,
      title: 'Baseline',
      dueWeek: 4,
      dueOn: '2027-07-04',
      awaitingReview: false,
    });
    expect(dueSoon!.key).toBe(projects.get(lateId)!.id);

    // Week 5 starts: the overdue notice, and no second reminder.
    await startWeek(cohortId, 5);
    await waitOurs((m) => ofType(T.milestoneOverdue)(m) && dataOf(m).internId === lateId);
    await startWeek(cohortId, 6);
    await reminders().pass(minutes(WEEK6_REMINDER, -1));
    expect(await sentIn(cohortId)).toBe(1);
    // The extended intern's milestone is reminded two days before the end of their week 6.
    await reminders().pass(minutes(WEEK6_REMINDER, 1));
    expect(await sentIn(cohortId)).toBe(2);
    const all = await waitOurs((m) => ofType(T.milestoneDueSoon)(m) && dataOf(m).cohortId === cohortId, 2);
    expect(all.map(dataOf).find((d) => d.internId === extendedId)).toMatchObject({
      milestoneId: projects.get(extendedId)!.milestones[0]!.id,
      dueWeek: 6,
      dueOn: '2027-07-18',
    });
    expect(all.map(dataOf).filter((d) => d.internId === doneId)).toEqual([]);
    await startWeek(cohortId, 7);
    expect(await oursWithin((m) => ofType(T.milestoneDueSoon)(m) && dataOf(m).cohortId === cohortId, 500)).toHaveLength(
      2,
    );
  });
});
