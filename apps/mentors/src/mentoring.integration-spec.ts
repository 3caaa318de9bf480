import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Producer } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  CheckInLoggedV1,
  CheckInMissedV1,
  CohortScheduledV1,
  CohortWeekStartedV1,
  eventsTopic,
  InternEnrolledV1,
  InternWithdrawnV1,
  MentorAssignedV1,
  MentorProfileUpdatedV1,
  MentorUnassignedV1,
  type EventContract,
} from '#contracts';
import { addDays } from '#ddd';
import { encodeCloudEvent, newCloudEvent, type CloudEvent } from '#messaging';
import { loadConfig } from '#platform';
import {
  KafkaProbe,
  ofType,
  signTestToken,
  TEST_BROKERS,
  testKafka,
  testLogger,
  throwawayDatabase,
  type ProbedMessage,
  type ThrowawayDatabase,
  expectLabelled,
} from '#testing';
import { AppModule } from './app.module.js';
import { AssignmentRepository } from './assignments/persistence/assignment.repository.js';
import { CheckInRepository } from './check-ins/persistence/check-in.repository.js';
import { mentorsConfigSchema } from './config.js';

/**
 * Issue 4 against the real Postgres (a throwaway database) and the real Kafka (its own consumer
 * group): assignments and their races, interns leaving, match suggestions, check-ins and who sees
 * their private notes, and missed check-ins detected once per pair and week however often the
 * week's event arrives.
 */

const run = randomBytes(4).toString('hex');
const COHORTS_TOPIC = eventsTopic('cohorts');
const MENTORS_TOPIC = eventsTopic('mentors');
const groupId = `mentoring-it-${run}`;

let db: ThrowawayDatabase;
let app: NestFastifyApplication;
let http: FastifyInstance;
let dataSource: DataSource;
let producer: Producer;
let probe: KafkaProbe;

/**
 * A Monday 8 to 14 days ahead (UTC): cohorts are scheduled ahead and their clock is driven by
 * events here, ahead of real time as in sandbox mode.
 */
function mondayAfterNext(): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7) + 7);
  return d.toISOString().slice(0, 10);
}
const START = mondayAfterNext();

const id = (name: string): string => `${name}-${run}`;
const cohort = { main: id('cohort-main'), race: id('cohort-race'), clock: id('cohort-clock') };
const pmId = id('pm');
const tokens = new Map<string, string>();
const tokenOf = async (sub: string, role: 'PROGRAM_MANAGER' | 'MENTOR' | 'INTERN'): Promise<string> => {
  const key = `${sub}/${role}`;
  if (!tokens.has(key)) tokens.set(key, await signTestToken({ sub, roles: [role] }));
  return tokens.get(key)!;
};
const pm = (): Promise<string> => tokenOf(pmId, 'PROGRAM_MANAGER');
const asMentor = (mentorId: string): Promise<string> => tokenOf(mentorId, 'MENTOR');
const asIntern = (internId: string): Promise<string> => tokenOf(internId, 'INTERN');

interface GqlResult {
  data: Record<string, any> | null;
  errors?: { message: string; extensions: { code: string; fields?: { field: string }[] } }[];
}

async function gql(query: string, variables: Record<string, unknown>, token?: string): Promise<GqlResult> {
  const res = await http.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: JSON.stringify({ query, variables }),
  });
  return res.json() as GqlResult;
}

const codes = (r: GqlResult): string[] => (r.errors ?? []).map((e) => e.extensions.code);

async function eventually<T>(
  probeFn: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probeFn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function cohortEvent<T>(contract: EventContract<T>, data: T, subject: string): CloudEvent<T> {
  return newCloudEvent({ type: contract.type, source: '/mentorflow/cohorts', subject, data });
}

async function publish(event: CloudEvent, key: string): Promise<void> {
  await producer.send({ topic: COHORTS_TOPIC, acks: -1, messages: [encodeCloudEvent(event, key)] });
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await dataSource.query(sql, params)) as { n: string }[];
  return Number(row!.n);
}

async function scheduleCohort(cohortId: string): Promise<void> {
  await publish(
    cohortEvent(
      CohortScheduledV1,
      {
        cohortId,
        name: `Cohort ${cohortId}`,
        startDate: START,
        weeks: 12,
        timezone: 'Europe/Berlin',
        location: 'Berlin',
        workMode: 'HYBRID',
        capacity: 50,
        scheduledBy: pmId,
      },
      cohortId,
    ),
    cohortId,
  );
}

async function enroll(
  cohortId: string,
  internId: string,
  focusAreas: string[],
  timezone = 'Europe/Berlin',
): Promise<void> {
  await publish(
    cohortEvent(
      InternEnrolledV1,
      {
        enrollmentId: `enr-${internId}`,
        cohortId,
        internId,
        name: `Intern ${internId}`,
        email: `${internId}@example.edu`,
        university: 'TU Berlin',
        degreeLevel: 'MASTERS',
        focusAreas,
        timezone,
      },
      cohortId,
    ),
    cohortId,
  );
}

function weekStarted(cohortId: string, week: number): CloudEvent<ReturnType<typeof CohortWeekStartedV1.schema.parse>> {
  const startsOn = addDays(START, (week - 1) * 7);
  return cohortEvent(
    CohortWeekStartedV1,
    { cohortId, week, startsOn, endsOn: addDays(startsOn, 6), phase: week === 1 ? 'ONBOARDING' : 'SCOPING', weeks: 12 },
    cohortId,
  );
}

async function waitForInterns(cohortId: string, n: number): Promise<void> {
  await eventually(
    async () => (await count(`SELECT count(*) AS n FROM interns WHERE cohort_id = $1`, [cohortId])) === n,
    `${n} interns of ${cohortId}`,
  );
}

const REGISTER = `mutation($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`;
async function registerMentor(mentorId: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const res = await gql(
    REGISTER,
    {
      input: {
        mentorId,
        name: `Mentor ${mentorId}`,
        email: `${mentorId.replace(/[^a-z0-9]/g, '')}@example.com`,
        team: 'Personalisation',
        expertise: ['recommender systems'],
        timezone: 'Europe/London',
        ...overrides,
      },
    },
    await pm(),
  );
  expect(res.errors).toBeUndefined();
}

const ASSIGN = `mutation($input: AssignMentorInput!) {
  assignMentor(input: $input) { id role active cohortId assignedAt unassignedAt endReason intern { id } mentor { id placesLeft } } }`;
const UNASSIGN = `mutation($input: UnassignMentorInput!) {
  unassignMentor(input: $input) { id role active unassignedAt endReason mentor { id placesLeft } } }`;
async function assign(
  internId: string,
  mentorId: string,
  role: 'PRIMARY' | 'CO_MENTOR' = 'PRIMARY',
): Promise<GqlResult> {
  return gql(ASSIGN, { input: { internId, mentorId, role } }, await pm());
}

const LOG = `mutation($input: LogCheckInInput!) {
  logCheckIn(input: $input) { id week occurredOn durationMinutes format progress notes privateNotes blockers actionItems
    mentor { id } intern { id } } }`;
function checkInInput(internId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    internId,
    occurredOn: addDays(START, 1),
    durationMinutes: 30,
    format: 'video call',
    progress: 'ON_TRACK',
    notes: 'Good progress on the data pipeline.',
    privateNotes: `private-${run}: worried about their workload`,
    blockers: ['GPU quota'],
    actionItems: ['Ask infra for quota'],
    ...overrides,
  };
}

const mentorsMessages =
  (contractType: string, pred: (json: any) => boolean = () => true) =>
  (m: ProbedMessage) =>
    m.headers.ce_type === contractType && pred(m.json);

beforeAll(async () => {
  db = await throwawayDatabase('mentoring');
  const config = loadConfig(mentorsConfigSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.serverUrl,
    DATABASE_NAME: db.name,
    KAFKA_BROKERS: TEST_BROKERS.join(','),
    KAFKA_GROUP_ID: groupId,
  });
  probe = await KafkaProbe.start([MENTORS_TOPIC]);
  app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, testLogger()),
    new FastifyAdapter(),
    {
      logger: false,
    },
  );
  http = app.getHttpAdapter().getInstance();
  await app.init();
  await http.ready();
  dataSource = app.get(DataSource);
  producer = testKafka('mentoring-it-producer').producer({
    allowAutoTopicCreation: false,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
});

afterAll(async () => {
  jest.restoreAllMocks();
  await producer?.disconnect();
  await probe?.stop();
  await app?.close();
  const admin = testKafka('mentoring-it-admin').admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
  await db?.drop();
});

// First: the mentors registered later are available for every cohort and would join this match.
describe('match suggestions', () => {
  const cohortId = id('cohort-match');

  beforeAll(async () => {
    await scheduleCohort(cohortId);
    await enroll(cohortId, id('m-ines'), ['recommender systems', 'nlp'], 'Europe/Amsterdam');
    await enroll(cohortId, id('m-otto'), ['nlp'], 'Europe/London');
    await enroll(cohortId, id('m-pia'), ['computer vision'], 'America/New_York');
    await waitForInterns(cohortId, 3);
    await registerMentor(id('m-ada'), {
      expertise: ['recommender systems', 'nlp'],
      capacity: 1,
      cohortIds: [cohortId],
    });
    await registerMentor(id('m-bob'), { expertise: ['recommender systems'], capacity: 1, cohortIds: [cohortId] });
    await registerMentor(id('m-cy'), {
      expertise: ['computer vision'],
      capacity: 2,
      timezone: 'America/New_York',
      cohortIds: [cohortId],
    });
  });

  const SUGGEST = `query($cohortId: ID!) { matchSuggestions(cohortId: $cohortId) {
    intern { id } mentor { id name } role score reasons sharedFocusAreas workingHoursOverlap placesLeft
    breakdown { expertise workingHours load } } }`;

  it('matches the whole cohort at once and explains every suggestion', async () => {
    const res = await gql(SUGGEST, { cohortId }, await pm());
    expect(res.errors).toBeUndefined();
    const byIntern = Object.fromEntries(res.data!.matchSuggestions.map((s: any) => [s.intern.id, s]));
    // Greedy would give Ines (first) Ada and leave Otto with Bob, who knows no NLP.
    expect(byIntern[id('m-ines')].mentor.id).toBe(id('m-bob'));
    expect(byIntern[id('m-otto')].mentor.id).toBe(id('m-ada'));
    expect(byIntern[id('m-pia')].mentor.id).toBe(id('m-cy'));
    expect(byIntern[id('m-otto')]).toMatchObject({
      role: 'PRIMARY',
      reasons: ['shares nlp', '8 h working-hours overlap', '1 of 1 place left'],
      sharedFocusAreas: ['nlp'],
      workingHoursOverlap: 8,
      placesLeft: 1,
    });
    expect(byIntern[id('m-pia')].reasons).toEqual([
      'shares computer vision',
      '8 h working-hours overlap',
      '2 of 2 places left',
    ]);
    expect(byIntern[id('m-ines')].reasons[0]).toBe('shares recommender systems');
    for (const s of res.data!.matchSuggestions) expect(s.score).toBeGreaterThan(0);
  });

  it('leaves matched interns out, is for program managers only, and names unknown cohorts', async () => {
    expect((await assign(id('m-pia'), id('m-cy'))).errors).toBeUndefined();
    const res = await gql(SUGGEST, { cohortId }, await pm());
    expect(res.data!.matchSuggestions.map((s: any) => s.intern.id).sort()).toEqual([id('m-ines'), id('m-otto')].sort());
    expect(codes(await gql(SUGGEST, { cohortId }, await asMentor(id('m-ada'))))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(SUGGEST, { cohortId: id('no-such-cohort') }, await pm()))).toEqual(['NOT_FOUND']);
  });
});

describe('assignments', () => {
  const ines = id('intern-ines');
  const otto = id('intern-otto');
  const pia = id('intern-pia');
  const ada = id('mentor-ada');
  const bob = id('mentor-bob');
  const cy = id('mentor-cy');

  beforeAll(async () => {
    await scheduleCohort(cohort.main);
    await enroll(cohort.main, ines, ['recommender systems', 'nlp']);
    await enroll(cohort.main, otto, ['nlp'], 'Asia/Kolkata');
    await enroll(cohort.main, pia, ['computer vision']);
    await waitForInterns(cohort.main, 3);
    await registerMentor(ada, { expertise: ['recommender systems', 'nlp'], capacity: 2 });
    await registerMentor(bob, { expertise: ['recommender systems'], capacity: 1 });
    await registerMentor(cy, { expertise: ['computer vision'], capacity: 2, cohortIds: [id('another-cohort')] });
  });

  it('assigns a primary mentor through the outbox: MentorAssigned keyed by the intern', async () => {
    const res = await assign(ines, ada);
    expect(res.errors).toBeUndefined();
    expect(res.data!.assignMentor).toMatchObject({
      role: 'PRIMARY',
      active: true,
      cohortId: cohort.main,
      unassignedAt: null,
      intern: { id: ines },
      mentor: { id: ada, placesLeft: 1 },
    });
    const [message] = await probe.waitFor(ofType(MentorAssignedV1.type, ines), { timeoutMs: 30_000 });
    expect(message!.key).toBe(ines);
    expect(message!.json).toEqual({
      assignmentId: res.data!.assignMentor.id,
      cohortId: cohort.main,
      internId: ines,
      mentorId: ada,
      role: 'PRIMARY',
      assignedAt: res.data!.assignMentor.assignedAt,
    });
  });

  it('refuses a mentor at capacity, a second identical assignment, and mentors not available for the cohort', async () => {
    expect((await assign(otto, bob)).errors).toBeUndefined(); // bob: 1 of 1
    const full = await assign(pia, bob, 'CO_MENTOR');
    expect(codes(full)).toEqual(['CONFLICT']);
    expect(full.errors![0]!.message).toBe(`mentor ${bob} has no free place: 1 of 1 taken`);
    expect(codes(await assign(ines, ada))).toEqual(['CONFLICT']);
    const unavailable = await assign(pia, cy);
    expect(codes(unavailable)).toEqual(['CONFLICT']);
    expect(unavailable.errors![0]!.message).toContain(`not available for cohort ${cohort.main}`);
    expect(codes(await assign(id('nobody'), ada))).toEqual(['NOT_FOUND']);
    expect(codes(await assign(pia, id('no-mentor')))).toEqual(['NOT_FOUND']);
    const asMentorCaller = await gql(
      ASSIGN,
      { input: { internId: pia, mentorId: ada, role: 'PRIMARY' } },
      await asMentor(ada),
    );
    expect(codes(asMentorCaller)).toEqual(['FORBIDDEN']);
  });

  it('reassigns: a new PRIMARY ends the old one (REPLACED_BY_NEW_PRIMARY) in the same transaction, events in order', async () => {
    // Free a place for bob first: unassign him from otto.
    const unassigned = await gql(UNASSIGN, { input: { internId: otto, mentorId: bob } }, await pm());
    expect(unassigned.errors).toBeUndefined();
    expect(unassigned.data!.unassignMentor).toMatchObject({
      active: false,
      endReason: 'UNASSIGNED',
      mentor: { placesLeft: 1 },
    });
    expect(codes(await gql(UNASSIGN, { input: { internId: otto, mentorId: bob } }, await pm()))).toEqual(['NOT_FOUND']);

    const res = await assign(ines, bob);
    expect(res.errors).toBeUndefined();
    const rows = (await dataSource.query(
      `SELECT mentor_id, role, unassigned_at IS NULL AS active, end_reason FROM assignments WHERE intern_id = $1 ORDER BY assigned_at`,
      [ines],
    )) as { mentor_id: string; role: string; active: boolean; end_reason: string | null }[];
    expect(rows).toEqual([
      { mentor_id: ada, role: 'PRIMARY', active: false, end_reason: 'REPLACED_BY_NEW_PRIMARY' },
      { mentor_id: bob, role: 'PRIMARY', active: true, end_reason: null },
    ]);
    const forInes = await probe.waitFor(
      (m) =>
        m.key === ines &&
        (m.headers.ce_type === MentorUnassignedV1.type || m.headers.ce_type === MentorAssignedV1.type),
      { count: 3, timeoutMs: 30_000 },
    );
    expect(forInes.map((m) => [m.headers.ce_type, (m.json as { mentorId: string }).mentorId])).toEqual([
      [MentorAssignedV1.type, ada],
      [MentorUnassignedV1.type, ada],
      [MentorAssignedV1.type, bob],
    ]);
    expect(forInes[1]!.json).toMatchObject({ role: 'PRIMARY', reason: 'REPLACED_BY_NEW_PRIMARY' });

    // Ada becomes co-mentor; the intern's mentors: primary first.
    expect((await assign(ines, ada, 'CO_MENTOR')).errors).toBeUndefined();
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Intern { mentors { id } mentorAssignments { role mentor { id } } } } }`;
    const seen = await gql(q, { reps: [{ __typename: 'Intern', id: ines }] }, await pm());
    expect(seen.data!._entities[0]).toEqual({
      mentors: [{ id: bob }, { id: ada }],
      mentorAssignments: [
        { role: 'PRIMARY', mentor: { id: bob } },
        { role: 'CO_MENTOR', mentor: { id: ada } },
      ],
    });
    const stranger = await gql(q, { reps: [{ __typename: 'Intern', id: ines }] }, await asIntern(otto));
    expect(stranger.data!._entities[0]).toEqual({ mentors: [], mentorAssignments: [] });
  });

  it('frees the mentors’ places when an intern is withdrawn, with MentorUnassigned for each assignment', async () => {
    const withdrawn = cohortEvent(
      InternWithdrawnV1,
      { enrollmentId: `enr-${ines}`, cohortId: cohort.main, internId: ines, reason: 'moved abroad', withdrawnBy: pmId },
      cohort.main,
    );
    await publish(withdrawn, cohort.main);
    const unassigned = await probe.waitFor(
      mentorsMessages(MentorUnassignedV1.type, (j) => j.internId === ines && j.reason === 'INTERN_WITHDRAWN'),
      { count: 2, timeoutMs: 30_000 },
    );
    expect(unassigned.map((m) => (m.json as { mentorId: string }).mentorId).sort()).toEqual([ada, bob].sort());
    expect(
      await count(`SELECT count(*) AS n FROM assignments WHERE intern_id = $1 AND unassigned_at IS NULL`, [ines]),
    ).toBe(0);
    const places = await gql(`query($id: ID!) { mentor(id: $id) { placesLeft } }`, { id: bob }, await pm());
    expect(places.data!.mentor.placesLeft).toBe(1);
    const again = await assign(ines, bob);
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toContain('WITHDRAWN');
  });
});

describe('concurrent assignments of a mentor’s last place', () => {
  const interns = [id('intern-race-1'), id('intern-race-2')];

  beforeAll(async () => {
    await scheduleCohort(cohort.race);
    for (const internId of interns) await enroll(cohort.race, internId, ['nlp']);
    await waitForInterns(cohort.race, 2);
  });

  it('gives one success and one CONFLICT, even with a wide race window, round after round', async () => {
    // Widen the window between counting the mentor's places and inserting the assignment: without
    // the lock on the mentor row both requests would count a free place and both would succeed.
    const repo = app.get(AssignmentRepository);
    const original = repo.countActiveForMentor.bind(repo);
    const countedAt: number[] = [];
    const spy = jest
      .spyOn(repo, 'countActiveForMentor')
      .mockImplementation(async (tx: EntityManager, mentorId: string) => {
        const n = await original(tx, mentorId);
        countedAt.push(Date.now());
        await new Promise((r) => setTimeout(r, 300));
        return n;
      });
    try {
      const rounds: { mentorId: string; role: 'PRIMARY' | 'CO_MENTOR'; capacity: number; taken: number }[] = [
        { mentorId: id('mentor-last-1'), role: 'PRIMARY', capacity: 1, taken: 0 },
        { mentorId: id('mentor-last-2'), role: 'CO_MENTOR', capacity: 1, taken: 0 },
        { mentorId: id('mentor-last-3'), role: 'CO_MENTOR', capacity: 2, taken: 1 },
      ];
      const filler = id('intern-race-filler');
      await enroll(cohort.race, filler, ['nlp']);
      await waitForInterns(cohort.race, 3);
      for (const round of rounds) {
        await registerMentor(round.mentorId, { capacity: round.capacity, expertise: ['nlp'] });
        if (round.taken) expect((await assign(filler, round.mentorId, 'CO_MENTOR')).errors).toBeUndefined();
        countedAt.length = 0;
        const results = await Promise.all(interns.map((internId) => assign(internId, round.mentorId, round.role)));
        const ok = results.filter((r) => !r.errors);
        const refused = results.filter((r) => r.errors);
        expectLabelled(ok, round.mentorId).toHaveLength(1);
        expectLabelled(refused.map(codes), round.mentorId).toEqual([['CONFLICT']]);
        expect(refused[0]!.errors![0]!.message).toBe(
          `mentor ${round.mentorId} has no free place: ${round.capacity} of ${round.capacity} taken`,
        );
        // The second request counted only after the first had committed: it waited on the row lock.
        expect(countedAt).toHaveLength(2);
        expect(countedAt[1]! - countedAt[0]!).toBeGreaterThanOrEqual(280);
        expect(
          await count(`SELECT count(*) AS n FROM assignments WHERE mentor_id = $1 AND unassigned_at IS NULL`, [
            round.mentorId,
          ]),
        ).toBe(round.capacity);
        // Clear the race interns' primaries for the next round.
        for (const internId of interns) {
          await dataSource.query(
            `UPDATE assignments SET unassigned_at = now(), end_reason = 'UNASSIGNED' WHERE intern_id = $1 AND role = 'PRIMARY' AND unassigned_at IS NULL`,
            [internId],
          );
        }
      }
    } finally {
      spy.mockRestore();
    }
    // Exactly one MentorAssigned per winning request reached Kafka.
    const assigned = await probe.collectFor(
      mentorsMessages(MentorAssignedV1.type, (j) => j.mentorId === id('mentor-last-1')),
      2000,
    );
    expect(assigned).toHaveLength(1);
  });
});

describe('profile updates', () => {
  const dee = id('mentor-dee');
  const UPDATE = `mutation($input: UpdateMentorProfileInput!) {
    updateMentorProfile(input: $input) { id name expertise timezone capacity cohortIds placesLeft } }`;

  beforeAll(async () => {
    await registerMentor(dee, { capacity: 2 });
  });

  it('lets a PM change capacity and availability, and the mentor their own profile, with MentorProfileUpdated', async () => {
    const res = await gql(UPDATE, { input: { mentorId: dee, capacity: 3, cohortIds: [cohort.main] } }, await pm());
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateMentorProfile).toMatchObject({ capacity: 3, cohortIds: [cohort.main], placesLeft: 3 });
    const [event] = await probe.waitFor(ofType(MentorProfileUpdatedV1.type, dee), { timeoutMs: 30_000 });
    expect(event!.json).toMatchObject({
      mentorId: dee,
      capacity: 3,
      cohortIds: [cohort.main],
      changedFields: ['capacity', 'cohortIds'],
    });

    const own = await gql(
      UPDATE,
      { input: { mentorId: dee, expertise: ['search', 'ranking'], cohortIds: null } },
      await asMentor(dee),
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.updateMentorProfile).toMatchObject({
      expertise: ['search', 'ranking'],
      cohortIds: null,
      capacity: 3,
    });
    expect(codes(await gql(UPDATE, { input: { mentorId: dee, name: 'X' } }, await asMentor(id('mentor-ada'))))).toEqual(
      ['FORBIDDEN'],
    );
  });

  it('refuses bad fields and a capacity below the mentor’s current interns', async () => {
    const bad = await gql(
      UPDATE,
      { input: { mentorId: dee, capacity: 0, timezone: 'Mars/Base', name: null } },
      await pm(),
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.extensions.fields!.map((f) => f.field)).toEqual(['name', 'timezone', 'capacity']);

    const cohortId = id('cohort-profile');
    await scheduleCohort(cohortId);
    await enroll(cohortId, id('p-1'), ['search']);
    await enroll(cohortId, id('p-2'), ['search']);
    await waitForInterns(cohortId, 2);
    expect((await assign(id('p-1'), dee)).errors).toBeUndefined();
    expect((await assign(id('p-2'), dee)).errors).toBeUndefined();
    const tooLow = await gql(UPDATE, { input: { mentorId: dee, capacity: 1 } }, await pm());
    expect(codes(tooLow)).toEqual(['CONFLICT']);
    expect(tooLow.errors![0]!.message).toContain('mentors 2 interns now');
    const exact = await gql(UPDATE, { input: { mentorId: dee, capacity: 2 } }, await pm());
    expect(exact.data!.updateMentorProfile).toMatchObject({ capacity: 2, placesLeft: 0 });
    expect(codes(await gql(UPDATE, { input: { mentorId: id('nobody'), capacity: 2 } }, await pm()))).toEqual([
      'NOT_FOUND',
    ]);
  });
});

describe('check-ins and missed check-ins', () => {
  const ana = id('c-ana'); // primary: xavi (logs week 1), co-mentor: zoe (does not)
  const ben = id('c-ben'); // primary: yuki (does not log week 1)
  const cat = id('c-cat'); // primary: yuki; withdrawn before week 2: no miss
  const xavi = id('c-xavi');
  const yuki = id('c-yuki');
  const zoe = id('c-zoe');
  const stranger = id('c-stranger');

  const HISTORY = `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) { ... on Intern {
    id checkIns(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id occurredOn week notes privateNotes mentor { id } } } } } } }`;
  const STATUS = `query($reps: [_Any!]!, $week: Int!) { _entities(representations: $reps) { ... on Intern {
    id checkInStatus(week: $week) { week startsOn endsOn state checkIns { id privateNotes } mentors { mentorId role state mentor { id } } } } } }`;

  beforeAll(async () => {
    await scheduleCohort(cohort.clock);
    await enroll(cohort.clock, ana, ['nlp']);
    await enroll(cohort.clock, ben, ['nlp']);
    await enroll(cohort.clock, cat, ['nlp']);
    await waitForInterns(cohort.clock, 3);
    for (const m of [xavi, yuki, zoe, stranger]) await registerMentor(m, { capacity: 3, expertise: ['nlp'] });
    for (const [i, m, r] of [
      [ana, xavi, 'PRIMARY'],
      [ana, zoe, 'CO_MENTOR'],
      [ben, yuki, 'PRIMARY'],
      [cat, yuki, 'PRIMARY'],
    ] as const) {
      expect((await assign(i, m, r)).errors).toBeUndefined();
    }
    // The cohort's clock (sandbox-style: ahead of real time) moves to week 1.
    await publish(weekStarted(cohort.clock, 1), cohort.clock);
    await eventually(
      async () =>
        (await count(`SELECT count(*) AS n FROM cohorts WHERE cohort_id = $1 AND current_week = 1`, [cohort.clock])) ===
        1,
      'the cohort clock at week 1',
    );
  });

  it('lets the intern’s mentor log a check-in in its program week, publishing CheckInLogged without notes', async () => {
    const res = await gql(LOG, { input: checkInInput(ana) }, await asMentor(xavi));
    expect(res.errors).toBeUndefined();
    expect(res.data!.logCheckIn).toMatchObject({
      week: 1,
      occurredOn: addDays(START, 1),
      privateNotes: `private-${run}: worried about their workload`,
      mentor: { id: xavi },
      intern: { id: ana },
    });
    const [message] = await probe.waitFor(ofType(CheckInLoggedV1.type, ana), { timeoutMs: 30_000 });
    expect(message!.json).toEqual({
      checkInId: res.data!.logCheckIn.id,
      cohortId: cohort.clock,
      internId: ana,
      mentorId: xavi,
      occurredOn: addDays(START, 1),
      week: 1,
      durationMinutes: 30,
      format: 'video call',
      progress: 'ON_TRACK',
      blockerCount: 1,
    });
    expect(message!.value).not.toContain('private');
    expect(message!.value).not.toContain('data pipeline');
  });

  it('refuses a check-in for someone else’s intern with FORBIDDEN, writing nothing', async () => {
    const before = await count(`SELECT count(*) AS n FROM check_ins`);
    const res = await gql(LOG, { input: checkInInput(ben) }, await asMentor(xavi));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(codes(await gql(LOG, { input: checkInInput(id('nobody')) }, await asMentor(xavi)))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(LOG, { input: checkInInput(ana) }, await pm()))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(LOG, { input: checkInInput(ana) }, await asIntern(ana)))).toEqual(['FORBIDDEN']);
    expect(await count(`SELECT count(*) AS n FROM check_ins`)).toBe(before);
  });

  it('refuses bad check-ins with BAD_USER_INPUT naming the fields', async () => {
    const res = await gql(
      LOG,
      {
        input: checkInInput(ana, {
          occurredOn: addDays(START, 8),
          durationMinutes: 0,
          format: ' ',
          blockers: ['ok', ''],
        }),
      },
      await asMentor(xavi),
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions.fields!.map((f) => f.field)).toEqual([
      'occurredOn',
      'durationMinutes',
      'format',
      'blockers[1]',
    ]);
  });

  it('shows the history newest first, in pages, with private notes for the author and PMs only', async () => {
    // Two more by xavi; the co-mentor zoe stays silent in week 1.
    for (const day of [0, 2]) {
      const r = await gql(
        LOG,
        { input: checkInInput(ana, { occurredOn: addDays(START, day), notes: `day ${day}` }) },
        await asMentor(xavi),
      );
      expect(r.errors).toBeUndefined();
    }
    const reps = [{ __typename: 'Intern', id: ana }];
    const first = await gql(HISTORY, { reps, first: 2 }, await pm());
    const conn = first.data!._entities[0].checkIns;
    expect(conn.totalCount).toBe(3);
    expect(conn.pageInfo.hasNextPage).toBe(true);
    expect(conn.edges.map((e: any) => e.node.occurredOn)).toEqual([addDays(START, 2), addDays(START, 1)]);
    const second = await gql(HISTORY, { reps, first: 2, after: conn.pageInfo.endCursor }, await pm());
    expect(second.data!._entities[0].checkIns.edges.map((e: any) => e.node.occurredOn)).toEqual([START]);
    expect(second.data!._entities[0].checkIns.pageInfo.hasNextPage).toBe(false);

    const notesSeenBy = async (token: string) =>
      (await gql(HISTORY, { reps, first: 10 }, token)).data!._entities[0].checkIns.edges.map(
        (e: any) => e.node.privateNotes,
      );
    const privateText = `private-${run}: worried about their workload`;
    expect(await notesSeenBy(await pm())).toEqual([privateText, privateText, privateText]);
    expect(await notesSeenBy(await asMentor(xavi))).toEqual([privateText, privateText, privateText]);
    expect(await notesSeenBy(await asMentor(zoe))).toEqual([null, null, null]); // co-mentor: sees the check-ins, not the notes
    expect(await notesSeenBy(await asIntern(ana))).toEqual([null, null, null]);
    // On the week-status path too.
    const status = await gql(STATUS, { reps, week: 1 }, await asIntern(ana));
    expect(status.data!._entities[0].checkInStatus.checkIns.map((c: any) => c.privateNotes)).toEqual([
      null,
      null,
      null,
    ]);
    // Not their mentee, not themself: nothing at all.
    const outsider = await gql(HISTORY, { reps, first: 10 }, await asMentor(stranger));
    expect(outsider.data!._entities[0].checkIns).toMatchObject({ totalCount: 0, edges: [] });
    expect((await gql(HISTORY, { reps, first: 10 }, await asIntern(ben))).data!._entities[0].checkIns.totalCount).toBe(
      0,
    );
    expect(codes(await gql(HISTORY, { reps, after: 'garbage' }, await pm()))).toEqual(['BAD_USER_INPUT']);
  });

  it('batches Intern.checkIns for many interns into one query', async () => {
    const spy = jest.spyOn(app.get(CheckInRepository), 'pagesForInterns');
    const reps = [ana, ben, cat].map((i) => ({ __typename: 'Intern', id: i }));
    const res = await gql(HISTORY, { reps, first: 5 }, await pm());
    expect(res.errors).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(1);
    expect([...spy.mock.calls[0]![0]].sort()).toEqual([ana, ben, cat].sort());
    spy.mockRestore();
    expect(res.data!._entities.map((e: any) => e.checkIns.totalCount)).toEqual([3, 0, 0]);
  });

  it('emits CheckInMissed once per silent pair when the next week starts, even when the event comes again', async () => {
    // Cat leaves before week 2 starts: her pair is no longer active.
    await publish(
      cohortEvent(
        InternWithdrawnV1,
        { enrollmentId: `enr-${cat}`, cohortId: cohort.clock, internId: cat, reason: 'personal', withdrawnBy: pmId },
        cohort.clock,
      ),
      cohort.clock,
    );
    const week2 = weekStarted(cohort.clock, 2);
    const week2Again = weekStarted(cohort.clock, 2); // the same week, another event id (a republished tick)
    await publish(week2, cohort.clock);
    await publish(week2, cohort.clock); // the same CloudEvent redelivered
    await publish(week2Again, cohort.clock);

    const missed = await probe.waitFor(
      mentorsMessages(CheckInMissedV1.type, (j) => j.cohortId === cohort.clock),
      {
        count: 2,
        timeoutMs: 30_000,
      },
    );
    await eventually(
      async () =>
        (await count(`SELECT count(*) AS n FROM inbox WHERE consumer = $1 AND event_id = ANY($2)`, [
          groupId,
          [week2.id, week2Again.id],
        ])) === 2,
      'both week-2 events consumed',
    );
    const settled = await probe.collectFor(
      mentorsMessages(CheckInMissedV1.type, (j) => j.cohortId === cohort.clock),
      3000,
    );
    expect(settled).toHaveLength(2);
    expect(missed.map((m) => m.json).sort((a: any, b: any) => a.mentorId.localeCompare(b.mentorId))).toEqual(
      [
        { cohortId: cohort.clock, internId: ben, mentorId: yuki, week: 1 },
        { cohortId: cohort.clock, internId: ana, mentorId: zoe, week: 1 },
      ].sort((a, b) => a.mentorId.localeCompare(b.mentorId)),
    );
    expect(missed.every((m) => m.key === (m.json as { internId: string }).internId)).toBe(true);
    expect(
      await count(`SELECT count(*) AS n FROM inbox WHERE consumer = $1 AND event_id = $2`, [groupId, week2.id]),
    ).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM missed_check_ins WHERE cohort_id = $1`, [cohort.clock])).toBe(2);
  });

  it('shows each week’s state per intern and per mentor', async () => {
    const reps = [ana, ben].map((i) => ({ __typename: 'Intern', id: i }));
    const week1 = await gql(STATUS, { reps, week: 1 }, await pm());
    expect(week1.errors).toBeUndefined();
    const [a, b] = week1.data!._entities;
    expect(a.checkInStatus).toMatchObject({ week: 1, startsOn: START, endsOn: addDays(START, 6), state: 'CHECKED_IN' });
    expect(a.checkInStatus.mentors).toEqual([
      { mentorId: xavi, role: 'PRIMARY', state: 'CHECKED_IN', mentor: { id: xavi } },
      { mentorId: zoe, role: 'CO_MENTOR', state: 'MISSED', mentor: { id: zoe } },
    ]);
    expect(b.checkInStatus).toMatchObject({
      state: 'MISSED',
      mentors: [{ mentorId: yuki, role: 'PRIMARY', state: 'MISSED' }],
    });
    const week2 = await gql(STATUS, { reps, week: 2 }, await pm());
    expect(week2.data!._entities.map((e: any) => e.checkInStatus.state)).toEqual(['DUE', 'DUE']);
    const week5 = await gql(STATUS, { reps, week: 5 }, await asIntern(ana));
    expect(week5.data!._entities[0].checkInStatus.state).toBe('UPCOMING');
    expect(week5.data!._entities[1].checkInStatus).toBeNull(); // ana may not see ben
    expect(codes(await gql(STATUS, { reps, week: 13 }, await pm()))).toContain('BAD_USER_INPUT');
  });
});
