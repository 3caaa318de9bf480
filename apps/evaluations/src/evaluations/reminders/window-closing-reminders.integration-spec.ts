import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { EvaluationOverdueV1, EvaluationWindowClosingV1, InternEnrolledV1, InternshipExtendedV1 } from '#contracts';
import { systemClock } from '#ddd';
import { Outbox } from '#messaging';
import { eventually, ofType, type ProbedMessage } from '#testing';
import { ProgramRepository } from '../../program/persistence/program.repository.js';
import {
  enrolled,
  evaluationsWorld,
  SCORES,
  SUBMIT_MENTOR,
  SUBMIT_SELF,
  token,
} from '../../testing/evaluations-world.js';
import { EvaluationWindowRepository } from '../persistence/evaluation-window.repository.js';
import { WindowClosingReminderRepository } from '../persistence/window-closing-reminder.repository.js';
import { WindowClosingReminders } from './window-closing-reminders.js';

// EvaluationWindowClosing in the real evaluations service on Postgres and Kafka (see
// evaluations-world.ts). The scheduler is off (REMINDER_TICK_MS=0): the specs run its pass with
// the instant they need. The cohorts start Monday 2027-06-07 in Europe/Berlin (12 weeks): the
// MIDPOINT window is week 6 (12–18 July), its reminder Saturday 17 July 00:00 local.
const world = evaluationsWorld({ REMINDER_TICK_MS: '0' });
const { run, gql, publish, scheduleCohort, startWeeks, assign, atWeek } = world;
const reminders = () => world.svc.app.get(WindowClosingReminders);
const WEEK6_REMINDER = new Date('2027-07-16T22:00:00.000Z');
const WEEK8_REMINDER = new Date('2027-07-30T22:00:00.000Z');
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);
const closing = (cohortId: string) => (m: ProbedMessage) =>
  ofType(EvaluationWindowClosingV1.type)(m) && (m.json as { cohortId: string }).cohortId === cohortId;

async function sentIn(cohortId: string): Promise<number> {
  const rows = (await world.svc.dataSource.query(
    `SELECT count(*)::int AS n FROM outbox WHERE event_type = $1 AND envelope->'data'->>'cohortId' = $2`,
    [EvaluationWindowClosingV1.type, cohortId],
  )) as { n: number }[];
  return rows[0]!.n;
}

const midpoint = (internId: string) => ({
  internId,
  cycle: 'MIDPOINT',
  scores: SCORES,
  sharedComments: 'Solid first half',
  decision: 'CONTINUE',
});
const self = { cycle: 'MIDPOINT', scores: SCORES, reflections: 'So far so good' };

describe('a MIDPOINT window closing soon, from the clock', () => {
  it('reminds the people whose evaluation is missing when the clock passes the reminder time, once, before the overdue notice', async () => {
    const cohortId = `cohort-closing-${run}`;
    const [ann, bob, cid] = ['ann', 'bob', 'cid'].map((n) => `${n}-closing-${run}`) as [string, string, string];
    const mentorId = `mentor-closing-${run}`;
    await scheduleCohort(cohortId);
    for (const internId of [ann, bob, cid])
      await publish(InternEnrolledV1, cohortId, enrolled(cohortId, internId, internId));
    for (const internId of [ann, bob, cid]) await assign(cohortId, internId, mentorId);
    await startWeeks(cohortId, 1, 6);
    await atWeek(cohortId, 6);
    await eventually(async () =>
      ((await world.svc.dataSource.query(`SELECT 1 FROM mentor_assignments WHERE intern_id = $1`, [cid])) as unknown[])
        .length
        ? true
        : undefined,
    );
    const mentor = await token(mentorId, 'MENTOR');
    // bob's self-evaluation is in; cid's both are.
    expect((await gql(SUBMIT_SELF, { input: self }, await token(bob, 'INTERN'))).errors).toBeUndefined();
    expect((await gql(SUBMIT_SELF, { input: self }, await token(cid, 'INTERN'))).errors).toBeUndefined();
    expect((await gql(SUBMIT_MENTOR, { input: midpoint(cid) }, mentor)).errors).toBeUndefined();

    // The clock is at Monday of week 6 (a sandbox clock: the wall clock is long before it).
    await reminders().pass();
    expect(await sentIn(cohortId)).toBe(0);

    // Week 7 starts: the jumped Saturday's reminders go out, then the overdue notices.
    await startWeeks(cohortId, 7, 7);
    const sent = await world.svc.probe.waitFor(closing(cohortId), { count: 2 });
    expect(sent.map((m) => m.json).sort((a: any, b: any) => a.internId.localeCompare(b.internId))).toEqual([
      { cohortId, internId: ann, cycle: 'MIDPOINT', closesOn: '2027-07-18', mentorId, missing: ['MENTOR', 'SELF'] },
      { cohortId, internId: bob, cycle: 'MIDPOINT', closesOn: '2027-07-18', mentorId, missing: ['MENTOR'] },
    ]);
    expect(sent.map((m) => m.key).sort()).toEqual([ann, bob].sort());
    const order = (await world.svc.dataSource.query(
      `SELECT event_type AS type FROM outbox WHERE envelope->'data'->>'internId' = $1
          AND event_type IN ($2, $3) ORDER BY id`,
      [ann, EvaluationWindowClosingV1.type, EvaluationOverdueV1.type],
    )) as { type: string }[];
    expect(order.map((r) => r.type)).toEqual([EvaluationWindowClosingV1.type, EvaluationOverdueV1.type]);

    // Never again: the scheduler's pass, the next week.
    await reminders().pass();
    await startWeeks(cohortId, 8, 8);
    await atWeek(cohortId, 8);
    await reminders().pass(minutes(WEEK8_REMINDER, 1));
    expect(await sentIn(cohortId)).toBe(2);
  });
});

describe('a MIDPOINT window closing soon, from the scheduler', () => {
  it('reminds at the reminder time once (concurrent passes, a new instance after a restart), and follows an extension', async () => {
    const cohortId = `cohort-closing-sched-${run}`;
    const eve = `eve-closing-${run}`;
    const dee = `dee-closing-${run}`;
    const mentorId = `mentor-closing-sched-${run}`;
    await scheduleCohort(cohortId);
    for (const internId of [eve, dee]) {
      await publish(InternEnrolledV1, cohortId, enrolled(cohortId, internId, internId));
      await assign(cohortId, internId, mentorId);
    }
    await startWeeks(cohortId, 1, 3);
    // dee is extended by 2 weeks after week 3: their MIDPOINT window moves to week 8 (26 July – 1 August).
    await publish(InternshipExtendedV1, cohortId, {
      enrollmentId: `enr-${dee}`,
      cohortId,
      internId: dee,
      weeks: 2,
      totalExtensionWeeks: 2,
      programWeeks: 14,
      newEndDate: '2027-09-12',
      reason: 'illness',
      source: 'PROGRAM_MANAGER',
      extendedAfterWeek: 3,
    });
    await startWeeks(cohortId, 4, 6);
    await atWeek(cohortId, 6);

    await reminders().pass(minutes(WEEK6_REMINDER, -1));
    expect(await sentIn(cohortId)).toBe(0);
    await Promise.all([reminders().pass(minutes(WEEK6_REMINDER, 1)), reminders().pass(minutes(WEEK6_REMINDER, 1))]);
    expect(await sentIn(cohortId)).toBe(1);
    // A restarted service: a new instance on the same database, nothing of the last one in memory.
    const restarted = new WindowClosingReminders(
      world.svc.dataSource,
      world.svc.app.get(ProgramRepository),
      world.svc.app.get(EvaluationWindowRepository),
      world.svc.app.get(WindowClosingReminderRepository),
      world.svc.app.get(Outbox),
      systemClock,
    );
    await restarted.pass(minutes(WEEK6_REMINDER, 30));
    expect(await sentIn(cohortId)).toBe(1);
    const [first] = await world.svc.probe.waitFor(closing(cohortId));
    expect(first!.json).toEqual({
      cohortId,
      internId: eve,
      cycle: 'MIDPOINT',
      closesOn: '2027-07-18',
      mentorId,
      missing: ['MENTOR', 'SELF'],
    });

    // dee's window is week 8: reminded two days before it closes.
    await startWeeks(cohortId, 7, 8);
    await atWeek(cohortId, 8);
    await restarted.pass(minutes(WEEK8_REMINDER, -1));
    expect(await sentIn(cohortId)).toBe(1);
    await reminders().pass(minutes(WEEK8_REMINDER, 1));
    expect(await sentIn(cohortId)).toBe(2);
    const both = await world.svc.probe.waitFor(closing(cohortId), { count: 2 });
    expect(both.map((m) => m.json).find((d: any) => d.internId === dee)).toEqual({
      cohortId,
      internId: dee,
      cycle: 'MIDPOINT',
      closesOn: '2027-08-01',
      mentorId,
      missing: ['MENTOR', 'SELF'],
    });
  });
});
