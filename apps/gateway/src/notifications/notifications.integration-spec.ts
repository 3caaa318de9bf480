import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type EntityManager } from 'typeorm';
import { testLogger, throwawayDatabase, type ThrowawayDatabase } from '#testing';
import { requestFingerprint } from '../idempotency/idempotency-store.js';
import { PgIdempotencyStore } from '../idempotency/persistence/pg-idempotency-store.js';
import { testGatewayConfig } from '../testing/gateway-config.js';
import { EmailChannel, emailSettings } from './email/email-channel.js';
import { LiveNotifications } from './live/live-notifications.js';
import { EmailRepository } from './persistence/email.repository.js';
import { gatewayMigrations } from './migrations/index.js';
import { directoryOf, NotificationRepository } from './persistence/notification.repository.js';
import { routeEvent } from './domain/routing.js';
import { NotificationsConsumer } from './events/notifications.consumer.js';

// The gateway's database for real: migrations, idempotency claims under concurrency, the feed
// and read receipts, and live delivery through Postgres LISTEN/NOTIFY between two "replicas".

let db: ThrowawayDatabase;
let dataSource: DataSource;
let repository: NotificationRepository;

beforeAll(async () => {
  db = await throwawayDatabase('gateway');
  dataSource = new DataSource({
    type: 'postgres',
    url: db.url,
    entities: [],
    migrations: gatewayMigrations,
    migrationsRun: true,
  });
  await dataSource.initialize();
  repository = new NotificationRepository(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

describe('idempotency keys in Postgres', () => {
  it('lets exactly one of several concurrent requests claim a key; the others wait, then replay', async () => {
    const store = new PgIdempotencyStore(dataSource, 24);
    const hash = requestFingerprint({ query: 'mutation { a }', variables: { b: 1, a: 2 } });
    expect(hash).toBe(requestFingerprint({ query: 'mutation { a }', variables: { a: 2, b: 1 } }));
    const results = await Promise.all(Array.from({ length: 8 }, () => store.begin('u-1', 'k-1', hash)));
    expect(results.filter((r) => r.state === 'started')).toHaveLength(1);
    expect(results.filter((r) => r.state === 'in_progress')).toHaveLength(7);

    await store.complete('u-1', 'k-1', { status: 200, contentType: 'application/json', body: '{"data":{"a":1}}' });
    expect(await store.begin('u-1', 'k-1', hash)).toEqual({
      state: 'replay',
      response: { status: 200, contentType: 'application/json', body: '{"data":{"a":1}}' },
    });
    expect(await store.begin('u-1', 'k-1', 'another request')).toEqual({ state: 'mismatch' });
    expect(await store.begin('u-2', 'k-1', hash)).toEqual({ state: 'started' });
  });

  it('frees an abandoned claim, and takes over a key once it expired', async () => {
    const store = new PgIdempotencyStore(dataSource, 24);
    expect(await store.begin('u-3', 'k', 'h')).toEqual({ state: 'started' });
    await store.abandon('u-3', 'k');
    expect(await store.begin('u-3', 'k', 'h')).toEqual({ state: 'started' });
    await store.complete('u-3', 'k', { status: 200, contentType: 'application/json', body: '{}' });
    await dataSource.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = 'u-3'`,
    );
    expect(await store.begin('u-3', 'k', 'different now')).toEqual({ state: 'started' });
    await dataSource.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = 'u-3'`,
    );
    expect(await store.purgeExpired()).toBe(1);
  });
});

describe('notifications in Postgres', () => {
  const event = (id: string, type: string, data: unknown) => ({ id, type, data, time: new Date().toISOString() });
  const assign = (
    tx: EntityManager,
    assignmentId: string,
    a: { internId: string; mentorId: string; cohortId: string; role: 'PRIMARY' | 'CO_MENTOR' },
  ) => repository.assign(tx, { ...a, assignmentId, assignedAt: new Date().toISOString() });

  it('stores one row per recipient once, however often the event is handled, and tracks reads per reader', async () => {
    await dataSource.transaction(async (tx) => {
      await repository.enroll(tx, 'intern-a', 'c-1', 'Amara Okafor');
      await assign(tx, 'as-1', { internId: 'intern-a', mentorId: 'mentor-a', cohortId: 'c-1', role: 'PRIMARY' });
      await assign(tx, 'as-2', { internId: 'intern-a', mentorId: 'mentor-b', cohortId: 'c-1', role: 'CO_MENTOR' });
    });
    const risk = event('e-risk', 'mentorflow.evaluations.InternRiskChanged.v1', {
      cohortId: 'c-1',
      internId: 'intern-a',
      previousLevel: 'AMBER',
      level: 'RED',
      reasons: ['no check-in for 2 weeks'],
    });
    for (let i = 0; i < 2; i++) {
      await dataSource.transaction(async (tx) => repository.insert(tx, risk, await routeEvent(risk, directoryOf(tx))));
    }
    const pm1 = await repository.page('pm-1', ['user:pm-1', 'role:PROGRAM_MANAGER'], { unreadOnly: false, limit: 10 });
    expect(pm1.rows.map((r) => r.type)).toEqual(['INTERN_AT_RISK']);
    expect(pm1.rows[0]!.title).toBe('Amara Okafor is at risk (RED)');
    const mentor = await repository.page('mentor-b', ['user:mentor-b'], { unreadOnly: true, limit: 10 });
    expect(mentor.totalCount).toBe(1);

    // A program manager reading the broadcast reads it for themself only.
    const { marked } = await repository.markRead('pm-1', ['user:pm-1', 'role:PROGRAM_MANAGER'], [pm1.rows[0]!.id]);
    expect(marked[0]!.readAt).toBeInstanceOf(Date);
    expect(
      (await repository.page('pm-1', ['user:pm-1', 'role:PROGRAM_MANAGER'], { unreadOnly: true, limit: 10 }))
        .totalCount,
    ).toBe(0);
    expect(
      (await repository.page('pm-2', ['user:pm-2', 'role:PROGRAM_MANAGER'], { unreadOnly: true, limit: 10 }))
        .totalCount,
    ).toBe(1);
    // Another reader cannot mark it: it is not in their feed.
    expect((await repository.markRead('mentor-x', ['user:mentor-x'], [pm1.rows[0]!.id])).missing).toEqual([
      pm1.rows[0]!.id,
    ]);

    await dataSource.transaction(async (tx) => repository.unassign(tx, 'as-2'));
    const report = event('e-report', 'mentorflow.scoping.MilestoneReportSubmitted.v1', {
      reportId: 'r-1',
      milestoneId: 'm-1',
      projectId: 'p-1',
      cohortId: 'c-1',
      internId: 'intern-a',
      dueWeek: 3,
      late: false,
      submittedAt: new Date().toISOString(),
    });
    const stored = await dataSource.transaction(async (tx) =>
      repository.insert(tx, report, await routeEvent(report, directoryOf(tx))),
    );
    expect(stored.map((n) => n.audience)).toEqual(['user:mentor-a']);
  });

  it("tells an extended intern and their primary mentor of an evaluation in the intern's own week, not the cohort's", async () => {
    await dataSource.transaction(async (tx) => {
      await repository.enroll(tx, 'intern-x', 'c-2', 'Bo Lindqvist');
      await assign(tx, 'as-x', { internId: 'intern-x', mentorId: 'mentor-x', cohortId: 'c-2', role: 'PRIMARY' });
    });
    const handle = async (e: ReturnType<typeof event>) =>
      dataSource.transaction(async (tx) => repository.insert(tx, e, await routeEvent(e, directoryOf(tx))));
    const midpoint = { cohortId: 'c-2', phase: 'MIDPOINT', previousPhase: 'BUILD', week: 6 };
    expect(await handle(event('e-phase', 'mentorflow.cohorts.CohortPhaseChanged.v1', midpoint))).toEqual([]);
    const due = event('e-due', 'mentorflow.evaluations.EvaluationDue.v1', {
      cohortId: 'c-2',
      internId: 'intern-x',
      cycle: 'MIDPOINT',
      week: 8,
      startsOn: '2026-03-02',
      endsOn: '2026-03-08',
      mentorId: null,
    });
    for (let i = 0; i < 2; i++) await handle(due);
    const feed = async (reader: string) =>
      (await repository.page(reader, [`user:${reader}`], { unreadOnly: false, limit: 10 })).rows;
    expect((await feed('intern-x')).map((n) => [n.type, n.eventType, n.body])).toEqual([
      [
        'EVALUATION_DUE',
        'mentorflow.evaluations.EvaluationDue.v1',
        'Week 8: your midpoint evaluation window is open. Write your self-evaluation by 2026-03-08.',
      ],
    ]);
    expect((await feed('mentor-x')).map((n) => [n.type, n.title])).toEqual([
      ['EVALUATION_DUE', 'A midpoint evaluation is due: Bo Lindqvist'],
    ]);
  });

  it('tells the mentor and every PM of a refused extension and of a final outcome awaited, once per event', async () => {
    await dataSource.transaction(async (tx) => {
      await repository.enroll(tx, 'intern-r', 'c-3', 'Carla Ruiz');
      await assign(tx, 'as-r', { internId: 'intern-r', mentorId: 'mentor-r', cohortId: 'c-3', role: 'PRIMARY' });
    });
    const handle = async (e: ReturnType<typeof event>) =>
      dataSource.transaction(async (tx) => repository.insert(tx, e, await routeEvent(e, directoryOf(tx))));
    const refused = event('e-refused', 'mentorflow.cohorts.InternshipExtensionRefused.v1', {
      cohortId: 'c-3',
      internId: 'intern-r',
      evaluationId: 'ev-r',
      mentorId: 'mentor-r',
      requestedWeeks: 2,
      totalExtensionWeeks: 4,
      reason: 'the total would be 6 weeks, beyond 5',
    });
    for (let i = 0; i < 2; i++) await handle(refused);
    // Two reminders: two events, one notice each per recipient; the redelivered one stores nothing.
    const awaited = (id: string, reminder: number) =>
      event(id, 'mentorflow.evaluations.FinalOutcomeAwaited.v1', {
        cohortId: 'c-3',
        internId: 'intern-r',
        mentorId: null,
        programEndedOn: '2026-04-24',
        reminder,
      });
    await handle(awaited('e-awaited-1', 1));
    await handle(awaited('e-awaited-2', 2));
    await handle(awaited('e-awaited-2', 2));
    const feed = async (reader: string, audiences: string[]) =>
      (await repository.page(reader, audiences, { unreadOnly: false, limit: 20 })).rows
        .filter((n) => n.internId === 'intern-r')
        .map((n) => [n.type, n.title]);
    const expected = [
      ['FINAL_OUTCOME_AWAITED', 'Final outcome awaited: Carla Ruiz (reminder 2)'],
      ['FINAL_OUTCOME_AWAITED', 'Final outcome awaited: Carla Ruiz'],
      ['EXTENSION_REFUSED', 'Extension refused for Carla Ruiz'],
    ];
    expect(await feed('mentor-r', ['user:mentor-r'])).toEqual(expected);
    expect(await feed('pm-9', ['user:pm-9', 'role:PROGRAM_MANAGER'])).toEqual(expected);
    expect(await feed('intern-r', ['user:intern-r'])).toEqual([]);
  });

  it('keeps the mentors a withdrawal unassigned, to tell them of the reinstatement, and no longer as mentors', async () => {
    await dataSource.transaction(async (tx) => {
      await repository.enroll(tx, 'intern-w', 'c-4', 'Dev Patel');
      await assign(tx, 'as-w1', { internId: 'intern-w', mentorId: 'mentor-w1', cohortId: 'c-4', role: 'PRIMARY' });
      await assign(tx, 'as-w2', { internId: 'intern-w', mentorId: 'mentor-w2', cohortId: 'c-4', role: 'CO_MENTOR' });
      await repository.leave(tx, 'intern-w', 'c-4');
      await repository.unassign(tx, 'as-w1', 'INTERN_WITHDRAWN');
      await repository.unassign(tx, 'as-w2', 'UNASSIGNED');
    });
    expect(await directoryOf(dataSource.manager).mentorsOf('intern-w')).toEqual([]);
    const reinstated = event('e-back', 'mentorflow.cohorts.InternReinstated.v1', {
      enrollmentId: 'en-w',
      cohortId: 'c-4',
      internId: 'intern-w',
      reason: 'came back from leave',
      reinstatedBy: 'pm-1',
    });
    const stored = await dataSource.transaction(async (tx) => {
      await repository.rejoin(tx, 'intern-w', 'c-4');
      return repository.insert(tx, reinstated, await routeEvent(reinstated, directoryOf(tx)));
    });
    expect(stored.map((n) => [n.audience, n.type, n.title])).toEqual([
      ['user:intern-w', 'INTERN_REINSTATED', 'You are back in the program'],
      ['user:mentor-w1', 'INTERN_REINSTATED', 'Dev Patel is back in the program'],
    ]);
    // The mentors service restores the assignment: a mentor again, the mark cleared; told by name.
    const restored = event('e-restored', 'mentorflow.mentors.MentorAssigned.v1', {
      assignmentId: 'as-w3',
      cohortId: 'c-4',
      internId: 'intern-w',
      mentorId: 'mentor-w1',
      role: 'PRIMARY',
      assignedAt: new Date().toISOString(),
    });
    const toIntern = await dataSource.transaction(async (tx) => {
      await repository.nameMentor(tx, 'mentor-w1', 'Grace Hopper');
      await repository.nameMentor(tx, 'mentor-w1', 'Grace B. Hopper');
      await assign(tx, 'as-w3', { internId: 'intern-w', mentorId: 'mentor-w1', cohortId: 'c-4', role: 'PRIMARY' });
      return repository.insert(tx, restored, await routeEvent(restored, directoryOf(tx)));
    });
    expect(toIntern.find((n) => n.audience === 'user:intern-w')?.body).toBe(
      'Grace B. Hopper was assigned to you as primary mentor.',
    );
    const directory = directoryOf(dataSource.manager);
    expect(await directory.mentorsOf('intern-w')).toEqual([{ mentorId: 'mentor-w1', role: 'PRIMARY' }]);
    expect(await directory.mentorsAtWithdrawal('intern-w', 'c-4')).toEqual([]);
    expect(
      (await dataSource.query(`SELECT active FROM interns WHERE intern_id = 'intern-w'`)) as { active: boolean }[],
    ).toEqual([{ active: true }]);
  });

  it('runs the projections before the routing for each event, the off-path contracts (v2 included) consumed', async () => {
    const emails = new EmailRepository(dataSource);
    const consumer = new NotificationsConsumer(
      repository,
      new LiveNotifications(dataSource, repository, testLogger()),
      emails,
      new EmailChannel(emailSettings(testGatewayConfig()), testLogger(), emails),
    );
    let n = 0;
    /** Every handler of the event's type, in the listed order, in one transaction (as the inbox runs them). */
    const deliver = (type: string, data: Record<string, unknown>) =>
      dataSource.transaction(async (tx) => {
        const meta = {
          id: `e-consumer-${++n}`,
          type,
          source: 'test',
          subject: 'x',
          time: new Date().toISOString(),
          correlationId: 'c',
        };
        const handlers = consumer.handlers.filter((h) => h.contract.type === type);
        expect(handlers.length).toBeGreaterThan(0);
        for (const h of handlers) await h.handle(data, meta, tx);
      });
    const ids = { cohortId: 'c-5', internId: 'intern-c' };
    await deliver('mentorflow.cohorts.InternEnrolled.v1', {
      ...ids,
      enrollmentId: 'en-c',
      name: 'Emma Novak',
      email: 'emma@example.com',
      university: 'TU Berlin',
      degreeLevel: 'MASTERS',
      focusAreas: ['nlp'],
      timezone: 'Europe/Berlin',
    });
    await deliver('mentorflow.mentors.MentorRegistered.v1', {
      mentorId: 'mentor-c',
      name: 'Hiro Sato',
      email: 'hiro@example.com',
      team: 'Search',
      expertise: ['nlp'],
      timezone: 'Europe/Berlin',
      capacity: 3,
    });
    const assignment = { ...ids, assignmentId: 'as-c', mentorId: 'mentor-c', role: 'PRIMARY' };
    await deliver('mentorflow.mentors.MentorAssigned.v1', { ...assignment, assignedAt: new Date().toISOString() });
    await deliver('mentorflow.cohorts.InternWithdrawn.v1', {
      ...ids,
      enrollmentId: 'en-c',
      reason: 'r',
      withdrawnBy: 'pm',
    });
    await deliver('mentorflow.mentors.MentorUnassigned.v1', { ...assignment, reason: 'INTERN_WITHDRAWN' });
    const talk = (talkId: string, title: string) => ({
      talkId,
      cohortId: 'c-5',
      title,
      speaker: 'Grace Hopper',
      startsAt: '2026-03-04T14:00:00Z',
      durationMinutes: 60,
    });
    await deliver('mentorflow.cohorts.TechTalkScheduled.v1', talk('t-while-away', 'Missed'));
    await deliver('mentorflow.cohorts.InternReinstated.v1', {
      ...ids,
      enrollmentId: 'en-c',
      reason: 'back',
      reinstatedBy: 'pm',
    });
    await deliver('mentorflow.cohorts.TechTalkScheduled.v1', talk('t-back', 'Ship it'));
    await deliver('mentorflow.mentors.CheckInMissed.v2', {
      ...ids,
      week: 4,
      mentorIds: ['mentor-c'],
      primaryMentorId: 'mentor-c',
    });
    const feed = async (reader: string, audiences: string[]) =>
      (await repository.page(reader, audiences, { unreadOnly: false, limit: 20 })).rows
        .filter((r) => r.internId === 'intern-c')
        .map((r) => `${r.type}: ${r.title}`);
    expect(await feed('mentor-c', ['user:mentor-c'])).toEqual([
      'CHECK_IN_MISSED: Missed check-in with Emma Novak',
      'INTERN_REINSTATED: Emma Novak is back in the program',
      "MENTOR_ASSIGNED: You are now Emma Novak's primary mentor",
    ]);
    // Told of the talk scheduled once back, not of the one scheduled while withdrawn.
    expect(await feed('intern-c', ['user:intern-c'])).toEqual([
      'TALK_SCHEDULED: New tech talk: “Ship it”',
      'INTERN_REINSTATED: You are back in the program',
      'MENTOR_ASSIGNED: You have a new primary mentor',
    ]);
    expect(
      (await dataSource.query(`SELECT active FROM interns WHERE intern_id = 'intern-c'`)) as { active: boolean }[],
    ).toEqual([{ active: true }]);
    // Completed: no longer in the cohort (a talk scheduled later is not for them), still named.
    await deliver('mentorflow.cohorts.InternCompleted.v1', { ...ids, enrollmentId: 'en-c', outcome: 'PASS' });
    await deliver('mentorflow.cohorts.TechTalkScheduled.v1', talk('t-after', 'Too late'));
    expect((await feed('intern-c', ['user:intern-c']))[0]).toBe('TALK_SCHEDULED: New tech talk: “Ship it”');
    expect(await directoryOf(dataSource.manager).internName('intern-c')).toBe('Emma Novak');
  });

  it('delivers on commit to the subscribers of every replica, and nothing for a rolled-back event', async () => {
    const logger = testLogger();
    const replicaA = new LiveNotifications(dataSource, repository, logger);
    const replicaB = new LiveNotifications(dataSource, repository, logger);
    await replicaA.onModuleInit();
    await replicaB.onModuleInit();
    try {
      const onB = replicaB.notifications({ sub: 'mentor-a', roles: ['MENTOR'] });
      const onA = replicaA.notifications({ sub: 'mentor-a', roles: ['MENTOR'] });
      const report = event('e-live', 'mentorflow.scoping.MilestoneReportSubmitted.v1', {
        reportId: 'r-2',
        milestoneId: 'm-2',
        projectId: 'p-1',
        cohortId: 'c-1',
        internId: 'intern-a',
        dueWeek: 4,
        late: false,
        submittedAt: new Date().toISOString(),
      });
      await dataSource
        .transaction(async (tx) => {
          for (const n of await repository.insert(
            tx,
            { ...report, id: 'e-rolled-back' },
            await routeEvent(report, directoryOf(tx)),
          )) {
            await replicaA.publishNotification(tx, n);
          }
          throw new Error('handler failed');
        })
        .catch(() => undefined);
      await dataSource.transaction(async (tx) => {
        for (const n of await repository.insert(tx, report, await routeEvent(report, directoryOf(tx))))
          await replicaA.publishNotification(tx, n);
      });
      const [a, b] = await Promise.all([onA.next(), onB.next()]);
      expect(a.value).toMatchObject({ type: 'REPORT_TO_REVIEW', subjectId: 'r-2' });
      expect(b.value).toEqual(a.value);
      await onA.return!();
      await onB.return!();
    } finally {
      await replicaA.onModuleDestroy();
      await replicaB.onModuleDestroy();
    }
  });
});
