import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CohortWeekStartedV1, eventsTopic, MentorAssignedV1 } from '#contracts';
import { addDays } from '#ddd';
import { KafkaProbe, expectLabelled, signTestToken } from '#testing';
import { dropDatabase, ensureInfra, REPO } from '../../scripts/lib/infra.js';
import {
  APPS,
  appPorts,
  instanceName,
  SERVICES,
  startSystem,
  type AppName,
  type RunningSystem,
} from '../../scripts/lib/services.js';
import { MutationTally, postGraphql } from '../support/mutation-load.js';
import { appDatabases, countsOf, presence, untilPresent, type Presence } from '../support/projections.js';
import { startRoundRobinFront, type RoundRobinFront } from '../support/round-robin-front.js';
import { upcomingMonday } from '../e2e/support/factories.js';
import { LiveSubscriber } from './support/live-subscriber.js';

/**
 * Issue 16, "Replicas, proven": two replicas of every app (same database and consumer group per
 * app) behind round-robin fronts, two gateways behind one more, the client talking to that front.
 * Under a sustained load of enrollIntern → assignMentor → logCheckIn, one replica of each app is
 * killed (SIGKILL) and started again, then every instance is restarted one by one (a rolling
 * deploy: SIGTERM, wait until ready, next); meanwhile the program clock is advanced, each advance
 * sent several times at once to both cohorts replicas. Afterwards: every accepted mutation is in
 * every projection exactly once, each clock event fired once, and the mentors subscribed to
 * gateway A received, once each, every notification of theirs, those gateway B stored included.
 */
const RUN = randomBytes(3).toString('hex');
const PREFIX = 'mentorflow_scale';
const BASE_PORT = 4400;
const FRONT_PORT = 4490; // the gateways' front; the services' fronts on the next ports
/** Interns started per second, for as long as the faults take (at least LOAD_SECONDS). */
const RATE = Number(process.env.SCALE_INTERNS_PER_SECOND ?? 4);
const LOAD_SECONDS = Number(process.env.SCALE_LOAD_SECONDS ?? 45);
/** Interns of one mentor (the highest capacity a mentor may have). */
const PER_MENTOR = 10;
/** The weeks the clock is advanced to during the load (week 1 is reached before it). */
const WEEKS = [2, 3, 4];
/** Each advance is sent this many times at once: the fronts spread them over both cohorts replicas. */
const ADVANCE_COPIES = 4;
const REPORT = path.join(REPO, '.data', 'scale-report.json');

const ENROLL = `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`;
const ASSIGN = `mutation ($input: AssignMentorInput!) { assignMentor(input: $input) { id } }`;
const CHECK_IN = `mutation ($input: LogCheckInInput!) { logCheckIn(input: $input) { id week } }`;
const ADVANCE = `mutation ($input: AdvanceCohortClockInput!) { advanceCohortClock(input: $input) { id currentWeek } }`;

let system: RunningSystem;
let fronts: Record<string, RoundRobinFront>;
let env: { KAFKA_BROKERS: string; DATABASE_URL: string };
let db: ReturnType<typeof appDatabases>;
let pm: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const internId = (n: number) => `s-${RUN}-${n}`;
const mentorId = (m: number) => `sm-${RUN}-${m}`;
const gatewayLog = (replica: number) => path.join(system.logDir, `${instanceName('gateway', replica)}.log`);

/** The events an instance's log says it applied (its consumer's `event applied` lines), of one type. */
function appliedIn(logFile: string, type: string): Set<string> {
  const ids = new Set<string>();
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"event applied"') || !line.includes(type)) continue;
    try {
      const entry = JSON.parse(line) as { type?: string; eventId?: string };
      if (entry.type === type && entry.eventId) ids.add(entry.eventId);
    } catch {
      /* a line that is not JSON (the restart marker) */
    }
  }
  return ids;
}

beforeAll(async () => {
  env = await ensureInfra({ log: () => undefined });
  if (!process.env.MENTORFLOW_SKIP_BUILD) {
    execFileSync(path.join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
      cwd: REPO,
      stdio: 'inherit',
    });
  }
  for (const app of APPS) await dropDatabase(env.DATABASE_URL, `${PREFIX}_${app}`);
  db = appDatabases(env.DATABASE_URL, PREFIX);
  // One front per app, round-robin over its two replicas; the gateways reach the services through theirs.
  fronts = {};
  for (const app of APPS) {
    const port = app === 'gateway' ? FRONT_PORT : FRONT_PORT + 1 + SERVICES.indexOf(app);
    fronts[app] = await startRoundRobinFront({
      port,
      targets: [0, 1].map((r) => appPorts(BASE_PORT, r)[app as AppName]),
    });
  }
  system = await startSystem({
    env: {
      ...env,
      NODE_ENV: 'test',
      CLOCK_MODE: 'sandbox',
      // Both cohorts replicas' schedulers run a pass every quarter second: they contend for the
      // clock's advisory lock with each other and with the advances all along.
      CLOCK_TICK_MS: '250',
      LOG_LEVEL: 'info',
      // The limit per user is not what this tier is about: the program manager sends the whole load.
      MUTATION_RATE_BURST: '5000',
      MUTATION_RATE_PER_MINUTE: '60000',
    },
    basePort: BASE_PORT,
    replicas: 2,
    subgraphUrls: Object.fromEntries(SERVICES.map((s) => [s, `${fronts[s]!.url}/graphql`])),
    databasePrefix: PREFIX,
    groupSuffix: 'scale',
    logDir: path.join(REPO, '.data', 'scale-logs'),
    log: () => undefined,
  });
  pm = await signTestToken({ sub: 'pm-scale', roles: ['PROGRAM_MANAGER'] });
}, 300_000);

afterAll(async () => {
  await system?.stop();
  for (const front of Object.values(fronts ?? {})) await front.stop();
});

describe('two replicas of every app behind round-robin fronts', () => {
  it('keeps every accepted mutation exactly once everywhere, fires each clock event once and delivers live across gateways, through a kill -9 of each app and a rolling deploy', async () => {
    const front = `${fronts.gateway!.url}/graphql`;
    const send = (query: string, variables: unknown, token = pm) => postGraphql(front, token, { query, variables });
    const ok = async (what: string, query: string, variables: unknown, token = pm) => {
      const r = await send(query, variables, token);
      expectLabelled(r.errors, `${what}: ${JSON.stringify(r.errors)}`).toBeUndefined();
      return r.data;
    };

    // ---- the set-up: two cohorts in week 1, mentors enough for every intern the load may start ----
    const startDate = upcomingMonday();
    const cohortIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const input = {
        name: `Scale ${RUN} #${i}`,
        startDate,
        weeks: 12,
        timezone: 'UTC',
        location: 'Remote',
        workMode: 'REMOTE',
        capacity: 1000,
      };
      cohortIds.push(
        (
          await ok(
            'scheduleCohort',
            `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`,
            { input },
          )
        ).scheduleCohort.id,
      );
    }
    const probe = await KafkaProbe.start([eventsTopic('cohorts')]);
    for (const cohortId of cohortIds) await ok('advance to week 1', ADVANCE, { input: { cohortId, toWeek: 1 } });
    // The load lasts as long as the faults do: room for five times LOAD_SECONDS.
    const maxInterns = Math.ceil(RATE * LOAD_SECONDS * 5);
    const mentorCount = Math.ceil(maxInterns / PER_MENTOR);
    const mentorTokens = await Promise.all(
      Array.from({ length: mentorCount }, (_, m) => signTestToken({ sub: mentorId(m), roles: ['MENTOR'] })),
    );
    const register = async (m: number) => {
      const input = {
        mentorId: mentorId(m),
        name: `Mentor ${m}`,
        email: `${mentorId(m)}@example.com`,
        team: 'Scale',
        expertise: ['nlp'],
        timezone: 'UTC',
        capacity: PER_MENTOR,
        cohortIds,
      };
      await ok('registerMentor', `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`, {
        input,
      });
    };
    for (let m = 0; m < mentorCount; m += 8)
      await Promise.all(Array.from({ length: Math.min(8, mentorCount - m) }, (_, i) => register(m + i)));
    // Check-ins need the mentors service to know that week 1 has begun.
    for (;;) {
      const rows = await db.query<{ n: number }>(
        'mentors',
        `SELECT count(*)::int AS n FROM cohorts WHERE cohort_id = ANY($1) AND current_week >= 1`,
        [cohortIds],
      );
      if (rows[0]!.n === cohortIds.length) break;
      await sleep(200);
    }
    // Every mentor listens on gateway A (the first gateway), straight, not through the front.
    const gatewayA = `ws://127.0.0.1:${appPorts(BASE_PORT, 0).gateway}/graphql`;
    const subscribers = mentorTokens.map((token) => new LiveSubscriber(gatewayA, token));

    // ---- the load: each intern enrolled, assigned its mentor, and checked in on ----
    const enrolled = new MutationTally();
    const assigned = new MutationTally();
    const checkedIn = new MutationTally();
    const tuesdayOfWeek1 = addDays(startDate, 1);
    const internFlow = async (n: number): Promise<void> => {
      const id = internId(n);
      const cohortId = cohortIds[n % cohortIds.length]!;
      const input = {
        cohortId,
        internId: id,
        name: `Intern ${n}`,
        email: `${id}@example.edu`,
        university: 'U',
        degreeLevel: 'MASTERS',
        focusAreas: ['nlp'],
        timezone: 'UTC',
      };
      await enrolled.send(id, () => send(ENROLL, { input }), 'enrollIntern');
      if (!enrolled.accepted.has(id)) return;
      const mentor = Math.floor(n / PER_MENTOR);
      // The mentors service knows the intern once it consumed the enrollment: until then NOT_FOUND.
      for (let tries = 0; tries < 60 && !assigned.accepted.has(id); tries++) {
        const r = await assigned.send(
          id,
          () => send(ASSIGN, { input: { internId: id, mentorId: mentorId(mentor), role: 'PRIMARY' } }),
          'assignMentor',
        );
        if (r?.errors?.[0]?.extensions?.code !== 'NOT_FOUND') break;
        await sleep(250);
      }
      if (!assigned.accepted.has(id)) return;
      const checkIn = {
        internId: id,
        occurredOn: tuesdayOfWeek1,
        durationMinutes: 30,
        format: 'video call',
        progress: 'ON_TRACK',
        notes: `week 1 with ${id}`,
      };
      await checkedIn.send(id, () => send(CHECK_IN, { input: checkIn }, mentorTokens[mentor]!), 'logCheckIn');
    };

    const started = Date.now();
    const flows: Promise<void>[] = [];
    let faultsDone = false;
    const timeline: Record<string, number> = {};
    const mark = (what: string) => (timeline[what] = Math.round((Date.now() - started) / 100) / 10);
    const load = (async () => {
      for (let n = 0; n < maxInterns; n++) {
        const due = started + (n * 1000) / RATE;
        if (Date.now() < due) await sleep(due - Date.now());
        if (faultsDone && Date.now() - started > LOAD_SECONDS * 1000) break;
        flows.push(internFlow(n));
      }
    })();

    // ---- the clock, advanced during the load: each advance several times at once ----
    // A batch none of whose copies was answered in time (an app restarting) is sent again: an
    // advance to the week the cohort is in changes nothing, so only the week reached counts.
    const advances: { cohort: number; week: number; sent: number; accepted: number; reachedWeek: number }[] = [];
    const clock = (async () => {
      for (const [i, week] of WEEKS.entries()) {
        await sleep(Math.max(0, started + ((i + 1) * LOAD_SECONDS * 1000) / (WEEKS.length + 1) - Date.now()));
        for (const [c, cohortId] of cohortIds.entries()) {
          const advance = { cohort: c, week, sent: 0, accepted: 0, reachedWeek: 0 };
          advances.push(advance);
          for (let batch = 0; batch < 10 && advance.accepted === 0; batch++) {
            const answers = await Promise.all(
              Array.from({ length: ADVANCE_COPIES }, () =>
                send(ADVANCE, { input: { cohortId, toWeek: week } }).catch(() => undefined),
              ),
            );
            advance.sent += answers.length;
            for (const a of answers) {
              if (!a?.data?.advanceCohortClock || a.errors) continue;
              advance.accepted++;
              advance.reachedWeek = Math.max(advance.reachedWeek, a.data.advanceCohortClock.currentWeek);
            }
          }
        }
        mark(`clock at week ${week}`);
      }
    })();

    // ---- the faults: one replica of each app killed and started again, then a rolling deploy ----
    const faults = (async () => {
      await sleep(LOAD_SECONDS * 150);
      // App by app: the second replica dies without any shutdown, and comes back.
      for (const app of APPS) {
        const name = instanceName(app, 1);
        await system.kill(name, 'SIGKILL');
        mark(`kill -9 ${name}`);
        await sleep(1000);
        await system.restart(name);
        mark(`${name} ready again`);
      }
      for (const app of APPS) {
        for (const replica of [0, 1]) {
          const name = instanceName(app, replica);
          await system.kill(name, 'SIGTERM');
          await system.restart(name);
          mark(`rolled ${name}`);
        }
      }
      faultsDone = true;
    })();

    await Promise.all([faults, clock, load]);
    await Promise.all(flows);
    const loadMs = Date.now() - started;
    const deadApps = system.children
      .filter((c) => c.exitCode !== null || c.signalCode !== null)
      .map((c) => (c as { instanceName?: string }).instanceName);
    expectLabelled(deadApps, 'instances that died during the load (see .data/scale-logs)').toEqual([]);

    // ---- every accepted mutation in every projection, exactly once ----
    const like = `s-${RUN}-%`;
    const byIntern =
      (app: string, table: string, where = 'true') =>
      async () =>
        countsOf(
          await db.query(
            app,
            `SELECT intern_id AS id, count(*)::int AS n FROM ${table} WHERE intern_id LIKE $1 AND ${where} GROUP BY intern_id`,
            [like],
          ),
        );
    const projections: Record<
      string,
      { tally: MutationTally; read: () => Promise<Map<string, number>>; perId?: number }
    > = {
      'cohorts.enrollments': { tally: enrolled, read: byIntern('cohorts', 'enrollments') },
      'mentors.interns': { tally: enrolled, read: byIntern('mentors', 'interns') },
      'scoping.interns': { tally: enrolled, read: byIntern('scoping', 'interns') },
      'evaluations.interns': { tally: enrolled, read: byIntern('evaluations', 'interns') },
      'gateway.interns': { tally: enrolled, read: byIntern('gateway', 'interns') },
      'mentors.assignments': { tally: assigned, read: byIntern('mentors', 'assignments') },
      'cohorts.mentor_assignments': { tally: assigned, read: byIntern('cohorts', 'mentor_assignments') },
      'scoping.mentor_assignments': { tally: assigned, read: byIntern('scoping', 'mentor_assignments') },
      'evaluations.mentor_assignments': { tally: assigned, read: byIntern('evaluations', 'mentor_assignments') },
      'gateway.intern_mentors': { tally: assigned, read: byIntern('gateway', 'intern_mentors') },
      // One for the intern, one for the mentor.
      'gateway.notifications (MENTOR_ASSIGNED)': {
        tally: assigned,
        read: byIntern('gateway', 'notifications', `type = 'MENTOR_ASSIGNED'`),
        perId: 2,
      },
      'mentors.check_ins': { tally: checkedIn, read: byIntern('mentors', 'check_ins') },
      'evaluations.progress_facts (CHECK_IN)': {
        tally: checkedIn,
        read: byIntern('evaluations', 'progress_facts', `kind = 'CHECK_IN'`),
      },
    };
    const converging = Date.now();
    const counts = await untilPresent(
      Object.fromEntries(Object.entries(projections).map(([name, p]) => [name, p.tally.accepted])),
      (name) => projections[name]!.read(),
      90_000,
    );
    const convergedMs = Date.now() - converging;
    const perProjection: Record<string, Presence> = Object.fromEntries(
      Object.entries(projections).map(([name, p]) => [
        name,
        presence(p.tally.accepted, p.tally.attempted, counts[name]!, p.perId),
      ]),
    );

    // ---- the clock: each event fired once ----
    const lastWeek = WEEKS[WEEKS.length - 1]!;
    const clockRows = await db.query<{ cohort_id: string; fired: number; unfired_due: number; fired_by: string[] }>(
      'cohorts',
      `SELECT cohort_id::text, count(*) FILTER (WHERE fired_at IS NOT NULL)::int AS fired,
              count(*) FILTER (WHERE fired_at IS NULL AND week <= $2)::int AS unfired_due,
              array_agg(DISTINCT fired_by) FILTER (WHERE fired_by IS NOT NULL) AS fired_by
         FROM clock_events WHERE cohort_id = ANY($1::uuid[]) GROUP BY cohort_id`,
      [cohortIds, lastWeek],
    );
    const weekStartedInOutbox = await db.query<{ cohort_id: string; week: number; n: number }>(
      'cohorts',
      `SELECT envelope->'data'->>'cohortId' AS cohort_id, (envelope->'data'->>'week')::int AS week, count(*)::int AS n
         FROM outbox WHERE event_type = $1 AND envelope->'data'->>'cohortId' = ANY($2) GROUP BY 1, 2 ORDER BY 1, 2`,
      [CohortWeekStartedV1.type, cohortIds],
    );
    const weekStartedOnKafka = new Map<string, Set<string>>();
    for (const m of probe.messages) {
      if (m.headers.ce_type !== CohortWeekStartedV1.type) continue;
      const d = m.json as { cohortId: string; week: number };
      if (!cohortIds.includes(d.cohortId)) continue;
      const key = `${d.cohortId}/week ${d.week}`;
      weekStartedOnKafka.set(key, (weekStartedOnKafka.get(key) ?? new Set()).add(m.headers.ce_id!));
    }
    await probe.stop();

    // ---- live across gateways: what each mentor received on gateway A ----
    // Every notification of the mentors, as stored, and which of them came of events gateway B applied.
    const consumedByB = new Set([...appliedIn(gatewayLog(1), MentorAssignedV1.type)]);
    const consumedByA = appliedIn(gatewayLog(0), MentorAssignedV1.type);
    const mentorAudiences = Array.from({ length: mentorCount }, (_, m) => `user:${mentorId(m)}`);
    const readStored = () =>
      db.query<{ id: string; audience: string; event_id: string; type: string; created_at: Date }>(
        'gateway',
        `SELECT id::text, audience, event_id, type, created_at FROM notifications WHERE audience = ANY($1)`,
        [mentorAudiences],
      );
    let stored = await readStored();
    const deliveredDeadline = Date.now() + 30_000;
    while (
      Date.now() < deliveredDeadline &&
      stored.some((n) => !subscribers[mentorAudiences.indexOf(n.audience)]!.received.has(n.id))
    ) {
      await sleep(500);
      stored = await readStored();
    }
    for (const s of subscribers) await s.stop();
    const receivedTwice = subscribers.flatMap((s) =>
      [...s.received.values()]
        .filter((r) => r.times > 1)
        .map((r) => ({ id: r.notification.id, type: r.notification.type, onConnections: r.connections })),
    );
    const notReceived = stored.filter((n) => !subscribers[mentorAudiences.indexOf(n.audience)]!.received.has(n.id));
    const storedIds = new Set(stored.map((n) => n.id));
    const receivedUnknown = subscribers.flatMap((s) => [...s.received.keys()].filter((id) => !storedIds.has(id)));
    const receivedOnA = (n: { id: string; audience: string }) =>
      subscribers[mentorAudiences.indexOf(n.audience)]!.received.get(n.id);
    const fromB = stored.filter((n) => consumedByB.has(n.event_id) && receivedOnA(n));
    // Of those, the ones stored while the subscriber's connection to A was already open: delivered
    // live, from gateway B's transaction to gateway A's socket, not by a catch-up on reconnecting.
    const liveFromB = fromB.filter((n) => receivedOnA(n)!.connectedAt < n.created_at);

    const report = {
      run: RUN,
      replicasPerApp: 2,
      loadSeconds: Math.round(loadMs / 100) / 10,
      internsStarted: flows.length,
      mutations: {
        enrollIntern: { accepted: enrolled.accepted.size, refused: enrolled.refusedBy },
        assignMentor: { accepted: assigned.accepted.size, refused: assigned.refusedBy },
        logCheckIn: { accepted: checkedIn.accepted.size, refused: checkedIn.refusedBy },
        advanceCohortClock: advances,
      },
      accepted: enrolled.accepted.size + assigned.accepted.size + checkedIn.accepted.size,
      refused: enrolled.refused + assigned.refused + checkedIn.refused,
      timeline,
      convergedSecondsAfterLoad: Math.round(convergedMs / 100) / 10,
      perProjection,
      clock: {
        rowsFiredPerCohort: clockRows.map((r) => ({
          cohort: r.cohort_id,
          fired: r.fired,
          unfiredDue: r.unfired_due,
          firedBy: r.fired_by,
        })),
        cohortWeekStartedInOutbox: weekStartedInOutbox.map((r) => ({ cohort: r.cohort_id, week: r.week, events: r.n })),
        cohortWeekStartedOnKafka: Object.fromEntries([...weekStartedOnKafka].map(([k, ids]) => [k, ids.size])),
      },
      live: {
        subscribers: subscribers.length,
        connections: subscribers.reduce((n, s) => n + s.connections, 0),
        storedForThem: stored.length,
        received: subscribers.reduce((n, s) => n + s.received.size, 0),
        receivedTwice: receivedTwice.length,
        receivedTwiceExamples: receivedTwice.slice(0, 5),
        notReceived: notReceived.length,
        receivedUnknown: receivedUnknown.length,
        mentorAssignedAppliedByGatewayA: consumedByA.size,
        mentorAssignedAppliedByGatewayB: consumedByB.size,
        receivedOnAWhoseEventBApplied: fromB.length,
        ofThemLiveNotCaughtUp: liveFromB.length,
        errors: [...new Set(subscribers.flatMap((s) => s.errors))].slice(0, 5),
      },
      fronts: Object.fromEntries(Object.entries(fronts).map(([app, f]) => [app, f.stats()])),
    };
    fs.mkdirSync(path.dirname(REPORT), { recursive: true });
    fs.writeFileSync(REPORT, JSON.stringify(report, null, 2));
    console.log(`scale report (${REPORT}): ${JSON.stringify(report, null, 2)}`);

    // ---- the verdict ----
    expect(enrolled.accepted.size).toBeGreaterThan(0);
    expect(assigned.accepted.size).toBeGreaterThan(0);
    expect(checkedIn.accepted.size).toBeGreaterThan(0);
    for (const [name, p] of Object.entries(projections)) {
      expectLabelled(perProjection[name], name).toEqual({
        present: p.tally.accepted.size,
        missing: 0,
        appliedTwice: 0,
        unknown: 0,
      });
    }
    // Each advance reached its week (the copies that found the week already reached changed nothing).
    for (const a of advances)
      expectLabelled(a.reachedWeek, `cohort #${a.cohort} advanced to week ${a.week}`).toBe(a.week);
    for (const r of report.clock.rowsFiredPerCohort)
      expectLabelled(r.unfiredDue, `clock rows of ${r.cohort} due by week ${lastWeek} not fired`).toBe(0);
    const expectedWeeks = cohortIds.flatMap((c) =>
      Array.from({ length: lastWeek }, (_, i) => ({ cohort: c, week: i + 1, events: 1 })),
    );
    expect(report.clock.cohortWeekStartedInOutbox).toEqual(expect.arrayContaining(expectedWeeks));
    expect(report.clock.cohortWeekStartedInOutbox).toHaveLength(expectedWeeks.length);
    expect(report.clock.cohortWeekStartedOnKafka).toEqual(
      Object.fromEntries(expectedWeeks.map((w) => [`${w.cohort}/week ${w.week}`, 1])),
    );
    expectLabelled(report.live, 'live notifications on gateway A').toMatchObject({
      receivedTwice: 0,
      notReceived: 0,
      receivedUnknown: 0,
    });
    expect(report.live.received).toBeGreaterThanOrEqual(assigned.accepted.size);
    expect(consumedByB.size).toBeGreaterThan(0);
    expect(fromB.length).toBeGreaterThan(0);
    expect(liveFromB.length).toBeGreaterThan(0);
  });
});
