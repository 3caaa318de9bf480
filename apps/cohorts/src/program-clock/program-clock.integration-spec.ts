import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventsTopic } from '#contracts';
import { Outbox } from '#messaging';
import {
  eventually,
  FakeClock,
  KafkaProbe,
  signTestToken,
  startService,
  throwawayDatabase,
  type ProbedMessage,
  type ServiceHarness,
  type ThrowawayDatabase,
} from '#testing';
import { AppModule } from '../app.module.js';
import { cohortsConfigSchema } from '../config.js';

import { ClockEventKind, dueClockEvents } from './domain/program-clock.js';
import { CLOCK_LOCK_KEY, ProgramClock } from './program-clock.service.js';

/**
 * The durable program clock against the real Postgres and Kafka: every due event of a cohort is
 * published exactly once and in order, across a failed pass, across a stop of the service in the
 * middle of the program, and with two instances of the service running on one database.
 * Time is a FakeClock shared by the instances in this process.
 */

const run = randomBytes(4).toString('hex');
const TOPIC = eventsTopic('cohorts');
const clock = new FakeClock(new Date('2027-05-20T10:00:00Z'));
const apps = new Set<ServiceHarness>();
let db: ThrowawayDatabase;
let probe: KafkaProbe;
let pmToken: string;

/** An instance of the service on the shared database, in the shared consumer group. */
async function startApp(tickMs: number): Promise<ServiceHarness> {
  const app = await startService({
    service: 'cohorts',
    configSchema: cohortsConfigSchema,
    module: (config, logger) => AppModule.forRoot(config, logger, { clock }),
    database: db,
    groupId: `cohorts-clock-it-${run}`,
    env: { CLOCK_MODE: 'sandbox', CLOCK_TICK_MS: String(tickMs) },
  });
  apps.add(app);
  return app;
}

async function stopApp(app: ServiceHarness): Promise<void> {
  apps.delete(app);
  await app.stop();
}

async function gql(app: ServiceHarness, query: string, variables: Record<string, unknown>) {
  return app.gql(query, variables, pmToken);
}

async function scheduleCohort(app: ServiceHarness, startDate: string, timezone: string, weeks = 12): Promise<string> {
  const res = await gql(app, `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`, {
    input: { name: `Clock ${run}`, startDate, weeks, timezone, location: 'Remote', workMode: 'REMOTE', capacity: 5 },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.scheduleCohort.id;
}

async function firedCount(app: ServiceHarness, cohortId: string): Promise<number> {
  const [row] = (await app.dataSource.query(
    `SELECT count(*)::int AS n FROM clock_events WHERE cohort_id = $1 AND fired_at IS NOT NULL`,
    [cohortId],
  )) as { n: number }[];
  return row!.n;
}

const CLOCK_TYPES = new Set(
  ['CohortStarted', 'CohortWeekStarted', 'CohortPhaseChanged', 'CohortCompleted'].map(
    (n) => `mentorflow.cohorts.${n}.v1`,
  ),
);

/** The clock events of a cohort on Kafka, as `START`, `W<n>`, `P:<phase>`, `END`. */
function clockMessages(cohortId: string): ProbedMessage[] {
  return probe.messages.filter((m) => m.headers.ce_subject === cohortId && CLOCK_TYPES.has(m.headers.ce_type!));
}

function label(m: ProbedMessage): string {
  const data = m.json as { week?: number; phase?: string };
  const name = m.headers.ce_type!.split('.')[2];
  return name === 'CohortWeekStarted'
    ? `W${data.week}`
    : name === 'CohortPhaseChanged'
      ? `P:${data.phase}`
      : name === 'CohortStarted'
        ? 'START'
        : 'END';
}

function expectedLabels(startDate: string, weeks: number, timezone: string, upTo?: Date): string[] {
  return dueClockEvents(startDate, weeks, timezone)
    .filter((e) => !upTo || e.dueAt <= upTo)
    .map((e) =>
      e.kind === ClockEventKind.WEEK_STARTED
        ? `W${e.week}`
        : e.kind === ClockEventKind.PHASE_CHANGED
          ? `P:${e.phase}`
          : e.kind === ClockEventKind.COHORT_STARTED
            ? 'START'
            : 'END',
    );
}

/** Waits for `count` clock messages of the cohort, then for stragglers, and returns them all. */
async function publishedClock(cohortId: string, count: number): Promise<ProbedMessage[]> {
  await probe.waitFor((m) => m.headers.ce_subject === cohortId && CLOCK_TYPES.has(m.headers.ce_type!), {
    count,
    timeoutMs: 30_000,
  });
  await new Promise((r) => setTimeout(r, 1500)); // anything published twice would show up by now
  return clockMessages(cohortId);
}

beforeAll(async () => {
  db = await throwawayDatabase('cohorts_clock');
  probe = await KafkaProbe.start([TOPIC]);
  pmToken = await signTestToken({ sub: `pm-${run}`, roles: ['PROGRAM_MANAGER'] });
});

afterAll(async () => {
  for (const app of apps) await app.stop().catch(() => undefined);
  await probe?.stop();
  await db?.drop();
});

describe('the program clock', () => {
  it('a pass that fails half-way leaves nothing fired and nothing in the outbox; the next pass fires each event once', async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const app = await startApp(0); // no scheduler: passes are driven by the test
    const cohortId = await scheduleCohort(app, '2027-06-07', 'Europe/Berlin');
    const programClock = app.app.get(ProgramClock);
    const dataSource = app.dataSource;
    clock.current = new Date('2027-06-16T12:00:00Z'); // Wednesday of week 2
    const outboxRows = async () =>
      (
        (await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE message_key = $1 AND event_type <> $2`, [
          cohortId,
          'mentorflow.cohorts.CohortScheduled.v1',
        ])) as { n: number }[]
      )[0]!.n;

    const append = jest
      .spyOn(app.app.get(Outbox), 'append')
      .mockRejectedValueOnce(new Error('crash before the commit'));
    expect(await programClock.pass()).toEqual({ locked: true, cohorts: 1, fired: 0 });
    append.mockRestore();
    expect(await firedCount(app, cohortId)).toBe(0);
    expect(await outboxRows()).toBe(0);

    expect(await programClock.pass()).toEqual({ locked: true, cohorts: 1, fired: 5 }); // START, W1, P, W2, P
    expect(await programClock.pass()).toEqual({ locked: true, cohorts: 0, fired: 0 }); // nothing due twice
    expect(await outboxRows()).toBe(5);
    const published = await publishedClock(cohortId, 5);
    expect(published.map(label)).toEqual(['START', 'W1', 'P:ONBOARDING', 'W2', 'P:SCOPING']);
    await stopApp(app);
  });

  it('publishes each due event exactly once and in order across a stop of the service in the middle of the program', async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const first = await startApp(50);
    const startDate = '2027-06-07';
    const cohortId = await scheduleCohort(first, startDate, 'America/New_York');
    const enrolled = await gql(
      first,
      `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { status } }`,
      {
        input: {
          cohortId,
          internId: `intern-${run}`,
          name: 'Ines',
          email: 'ines@example.com',
          university: 'MIT',
          degreeLevel: 'MASTERS',
          timezone: 'America/New_York',
        },
      },
    );
    expect(enrolled.data!.enrollIntern.status).toBe('ENROLLED');

    // Week 5 arrives while the first instance runs: it fires everything due by then.
    clock.current = new Date('2027-07-08T16:00:00Z');
    const dueByNow = expectedLabels(startDate, 12, 'America/New_York', clock.current);
    expect(dueByNow).toHaveLength(9);
    await eventually(async () => (await firedCount(first, cohortId)) === dueByNow.length, {
      what: 'the first instance to fire weeks 1-5',
    });
    await stopApp(first);

    // The service is down while the rest of the program passes; then it comes back on the same database.
    clock.current = new Date('2027-09-02T12:00:00Z');
    const second = await startApp(50);
    const all = expectedLabels(startDate, 12, 'America/New_York');
    await eventually(async () => (await firedCount(second, cohortId)) === all.length, {
      what: 'the second instance to catch up',
    });

    const published = await publishedClock(cohortId, all.length);
    expect(published.map(label)).toEqual(all);
    expect(new Set(published.map((m) => m.headers.ce_id)).size).toBe(all.length);
    expect(published.every((m) => m.key === cohortId)).toBe(true);
    const weeks = published
      .filter((m) => label(m).startsWith('W'))
      .map((m) => m.json as { week: number; startsOn: string; phase: string });
    expect(weeks.map((w) => w.week)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(weeks[11]).toMatchObject({ startsOn: '2027-08-23', phase: 'FINAL_PRESENTATIONS' });

    const state = await gql(
      second,
      `query ($id: ID!) { cohort(id: $id) { status currentWeek currentPhase enrollments { edges { node { status } } } } }`,
      {
        id: cohortId,
      },
    );
    expect(state.data!.cohort).toEqual({
      status: 'COMPLETED',
      currentWeek: 13,
      currentPhase: 'COMPLETED',
      enrollments: { edges: [{ node: { status: 'ONBOARDING' } }] },
    });
    await stopApp(second);
  });

  it('with two instances on one database, publishes each event of every cohort once', async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const a = await startApp(20);
    const b = await startApp(20);
    const cohorts = [
      { startDate: '2027-06-07', timezone: 'Europe/Berlin', weeks: 10 },
      { startDate: '2027-06-14', timezone: 'Asia/Kolkata', weeks: 12 },
      { startDate: '2027-06-21', timezone: 'America/Los_Angeles', weeks: 11 },
    ];
    const ids: string[] = [];
    for (const [i, c] of cohorts.entries())
      ids.push(await scheduleCohort(i % 2 ? b : a, c.startDate, c.timezone, c.weeks));

    // While someone else holds the clock's advisory lock, neither instance fires anything.
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock($1)`, [CLOCK_LOCK_KEY]);
    clock.current = new Date('2027-10-01T00:00:00Z'); // after all three ended
    expect(await a.app.get(ProgramClock).pass()).toEqual({ locked: false, cohorts: 0, fired: 0 });
    await new Promise((r) => setTimeout(r, 500));
    for (const id of ids) expect(await firedCount(a, id)).toBe(0);
    await holder.query(`SELECT pg_advisory_unlock($1)`, [CLOCK_LOCK_KEY]);
    await holder.end();

    for (const [i, c] of cohorts.entries()) {
      const all = expectedLabels(c.startDate, c.weeks, c.timezone);
      await eventually(async () => (await firedCount(a, ids[i]!)) === all.length, { what: `cohort ${i} to be fired` });
      const published = await publishedClock(ids[i]!, all.length);
      expect(published.map(label)).toEqual(all);
    }
    const [{ n }] = (await a.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE message_key = ANY($1::text[]) AND event_type <> 'mentorflow.cohorts.CohortScheduled.v1'`,
      [ids],
    )) as { n: number }[];
    expect(n).toBe(cohorts.reduce((sum, c) => sum + c.weeks + 9, 0));
    await stopApp(a);
    await stopApp(b);
  });
});
