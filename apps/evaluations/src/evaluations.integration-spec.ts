import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Admin, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CheckInLoggedV1,
  CheckInMissedV1,
  CohortScheduledV1,
  CohortStartedV1,
  CohortWeekStartedV1,
  CONTEXTS,
  EvaluationDueV1,
  EvaluationOverdueV1,
  EvaluationSubmittedV1,
  InternEnrolledV1,
  InternRiskChangedV1,
  MentorAssignedV1,
  MidpointDecisionMadeV1,
  MilestoneOverdueV1,
  MilestoneReportSubmittedV1,
  PresentationScoredV1,
  PresentationSlotBookedV1,
  PresentationSlotOpenedV1,
  OnboardingCompletedV1,
  ProjectScopeApprovedV1,
  TechTalkAttendedV1,
  TechTalkScheduledV1,
  type Context,
  type EventContract,
  type EventData,
} from '#contracts';
import { createKafka, encodeCloudEvent, newCloudEvent, serviceReadiness, type CloudEvent } from '#messaging';
import { loadConfig, registerHealthAndMetrics } from '#platform';
import {
  KafkaProbe,
  ofType,
  signTestToken,
  TEST_BROKERS,
  testKafka,
  testLogger,
  throwawayDatabase,
  type ThrowawayDatabase,
} from '#testing';
import { AppModule } from './app.module.js';
import { evaluationsConfigSchema } from './config.js';
import { ProgressRebuild } from './progress/rebuild/progress-rebuild.js';

// The real evaluations AppModule on a throwaway database, with Kafka topics of this file's own
// (one per context, three partitions each, like the real ones): events of the other contexts
// are published straight to them, and a rebuild replays them from offset zero.
const run = randomBytes(4).toString('hex');
const GROUP_ID = `test-evaluations-${run}`;
const topicOf = (context: Context) => `test.evaluations.${run}.${context}.events`;
const DLT = `test.evaluations.${run}.dead-letter`;
const TOPICS = CONTEXTS.map(topicOf);

let db: ThrowawayDatabase;
let app: NestFastifyApplication;
let dataSource: DataSource;
let admin: Admin;
let producer: Producer;
let probe: KafkaProbe;

async function publish<T>(contract: EventContract<T>, key: string, data: T): Promise<CloudEvent<T>> {
  const event = newCloudEvent({ type: contract.type, source: `/mentorflow/${contract.context}`, subject: key, data });
  await producer.send({ topic: topicOf(contract.context), acks: -1, messages: [encodeCloudEvent(event, key)] });
  return event;
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met in time`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function graphql(
  query: string,
  token?: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: { data?: any; errors?: any[] } }> {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: JSON.stringify({ query, variables }),
  });
  return { status: res.statusCode, body: res.json() };
}

const token = (sub: string, role: 'PROGRAM_MANAGER' | 'MENTOR' | 'INTERN') => signTestToken({ sub, roles: [role] });

// --- event builders ----------------------------------------------------------------------------

async function scheduleCohort(cohortId: string, weeks = 12): Promise<void> {
  await publish(CohortScheduledV1, cohortId, {
    cohortId,
    name: `Cohort ${cohortId}`,
    startDate: '2027-06-07',
    weeks,
    timezone: 'Europe/Berlin',
    location: 'Berlin',
    workMode: 'HYBRID',
    capacity: 10,
    scheduledBy: 'pm-1',
  });
}

async function startWeeks(cohortId: string, from: number, to: number, weeks = 12): Promise<void> {
  if (from === 1) {
    await publish(CohortStartedV1, cohortId, {
      cohortId,
      startDate: '2027-06-07',
      weeks,
      timezone: 'Europe/Berlin',
      startedAt: '2027-06-06T22:00:00.000Z',
    });
  }
  for (let week = from; week <= to; week++) {
    await publish(CohortWeekStartedV1, cohortId, {
      cohortId,
      week,
      startsOn: '2027-06-07',
      endsOn: '2027-06-13',
      phase: week === 6 ? 'MIDPOINT' : 'BUILD',
      weeks,
    });
  }
}

function enrolled(cohortId: string, internId: string, name: string): EventData<typeof InternEnrolledV1> {
  return {
    enrollmentId: `enr-${internId}`,
    cohortId,
    internId,
    name,
    email: `${internId}@example.com`,
    university: 'TU Berlin',
    degreeLevel: 'MASTERS',
    focusAreas: ['recommender systems'],
    timezone: 'Europe/Berlin',
  };
}

async function assign(cohortId: string, internId: string, mentorId: string, role: 'PRIMARY' | 'CO_MENTOR' = 'PRIMARY') {
  await publish(MentorAssignedV1, internId, {
    assignmentId: `as-${internId}-${mentorId}`,
    cohortId,
    internId,
    mentorId,
    role,
    assignedAt: new Date().toISOString(),
  });
}

async function clockWeek(cohortId: string): Promise<number | undefined> {
  const rows = (await dataSource.query(`SELECT current_week FROM eval_cohorts WHERE cohort_id = $1`, [cohortId])) as {
    current_week: number;
  }[];
  return rows[0]?.current_week;
}

const atWeek = (cohortId: string, week: number) =>
  eventually(
    async () => ((await clockWeek(cohortId)) === week ? true : undefined),
    30_000,
    `cohort ${cohortId} in week ${week}`,
  );

const SCORES = [
  'TECHNICAL_EXECUTION',
  'ML_DATA_FUNDAMENTALS',
  'PROBLEM_SOLVING',
  'COMMUNICATION',
  'COLLABORATION',
  'OWNERSHIP',
].map((competency, i) => ({ competency, score: 3 + (i % 2), comment: i === 0 ? 'Ships reliably' : null }));

const SUBMIT_MENTOR = `mutation ($input: SubmitMentorEvaluationInput!) {
  submitMentorEvaluation(input: $input) { id kind cycle averageScore decision extensionWeeks returnOffer privateComments revision
    scores { competency score comment } } }`;
const SUBMIT_SELF = `mutation ($input: SubmitSelfEvaluationInput!) {
  submitSelfEvaluation(input: $input) { id kind cycle programNps reflections } }`;

beforeAll(async () => {
  const kafka = testKafka('evaluations-test');
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      ...TOPICS.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
      { topic: DLT, numPartitions: 1, replicationFactor: 1 },
    ],
  });
  // Metadata of new topics reaches every client a moment after their creation.
  for (const topic of [...TOPICS, DLT]) {
    await eventually(
      () =>
        admin.fetchTopicOffsets(topic).then(
          () => true,
          () => undefined,
        ),
      30_000,
      `topic ${topic} ready`,
    );
  }
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  probe = await KafkaProbe.start([topicOf('evaluations'), DLT]);
  db = await throwawayDatabase('evaluations');
  const config = loadConfig(evaluationsConfigSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.serverUrl,
    DATABASE_NAME: db.name,
    KAFKA_BROKERS: TEST_BROKERS.join(','),
    KAFKA_GROUP_ID: GROUP_ID,
    ...(process.env.AUTH_JWT_SECRET ? { AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET } : {}),
  });
  app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, testLogger(), {
      topics: { events: topicOf, deadLetter: DLT },
      relayPollIntervalMs: 200,
      retryBackoffMs: 20,
    }),
    new FastifyAdapter(),
    { logger: false },
  );
  registerHealthAndMetrics(app.getHttpAdapter().getInstance(), 'evaluations', serviceReadiness(app));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  dataSource = app.get(DataSource);
});

afterAll(async () => {
  await app?.close();
  await probe?.stop();
  await producer?.disconnect();
  await admin?.deleteGroups([GROUP_ID]).catch(() => undefined);
  await admin?.deleteTopics({ topics: [...TOPICS, DLT] }).catch(() => undefined);
  await admin?.disconnect();
  await db?.drop();
});

describe('evaluations service (real Postgres and Kafka)', () => {
  it('ran its migrations: messaging tables, projections, evaluations and the read model exist', async () => {
    const tables = (await dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )) as { tablename: string }[];
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining([
        'inbox',
        'outbox',
        'interns',
        'eval_cohorts',
        'mentor_assignments',
        'presentation_slots',
        'evaluations',
        'presentation_scores',
        'cohort_rubrics',
        'evaluation_windows',
        'progress_facts',
        'intern_progress',
      ]),
    );
  });

  it('projects InternEnrolled into interns, and applies a redelivered event once', async () => {
    const cohortId = `cohort-enr-${run}`;
    const enrollment = newCloudEvent({
      type: InternEnrolledV1.type,
      source: '/mentorflow/cohorts',
      subject: cohortId,
      data: enrolled(cohortId, `ada-${run}`, 'Ada'),
    });
    const send = (e: CloudEvent) =>
      producer.send({ topic: topicOf('cohorts'), acks: -1, messages: [encodeCloudEvent(e, cohortId)] });
    const row = async (internId: string) =>
      (
        (await dataSource.query(`SELECT name, cohort_id, enrolled_at FROM interns WHERE intern_id = $1`, [
          internId,
        ])) as {
          name: string;
          cohort_id: string;
          enrolled_at: Date;
        }[]
      )[0];
    await send(enrollment);
    const ada = await eventually(() => row(`ada-${run}`));
    expect(ada).toMatchObject({ name: 'Ada', cohort_id: cohortId });
    expect(ada.enrolled_at.toISOString()).toBe(enrollment.time);
    // The same event (same id) again, carrying different data: the inbox must stop it.
    await send({ ...enrollment, data: { ...enrollment.data, name: 'Ada (redelivered)' } });
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, `grace-${run}`, 'Grace'));
    await eventually(() => row(`grace-${run}`));
    expect((await row(`ada-${run}`))!.name).toBe('Ada');
  });

  it('serves both rubrics to every role, and refuses anonymous callers', async () => {
    for (const role of ['PROGRAM_MANAGER', 'MENTOR', 'INTERN'] as const) {
      const res = await graphql(
        `
          {
            rubrics {
              kind
              tailored
              cohortId
              criteria {
                key
                levels {
                  score
                }
              }
            }
          }
        `,
        await token('x', role),
      );
      expect(res.body.errors).toBeUndefined();
      const [program, presentation] = res.body.data.rubrics;
      expect(program).toMatchObject({ kind: 'PROGRAM', tailored: false, cohortId: null });
      expect(program.criteria.map((c: { key: string }) => c.key)).toEqual(SCORES.map((s) => s.competency));
      expect(presentation.criteria.map((c: { key: string }) => c.key)).toEqual([
        'CLARITY',
        'TECHNICAL_DEPTH',
        'IMPACT',
        'HANDLING_QUESTIONS',
      ]);
    }
    const anonymous = await graphql(`
      {
        rubrics {
          kind
        }
      }
    `);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('evaluation windows, from the cohort clock’s events', () => {
  const cohortId = `cohort-win-${run}`;
  const internId = `intern-win-${run}`;
  const mentorId = `mentor-win-${run}`;
  let pm: string;
  let mentor: string;
  let intern: string;

  const midpoint = (overrides: Record<string, unknown> = {}) => ({
    internId,
    cycle: 'MIDPOINT',
    scores: SCORES,
    sharedComments: 'Solid first half',
    privateComments: 'Consider for the platform team',
    decision: 'CONTINUE',
    ...overrides,
  });

  beforeAll(async () => {
    pm = await token('pm-1', 'PROGRAM_MANAGER');
    mentor = await token(mentorId, 'MENTOR');
    intern = await token(internId, 'INTERN');
    await scheduleCohort(cohortId);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, internId, 'Win Intern'));
    await startWeeks(cohortId, 1, 3);
    await assign(cohortId, internId, mentorId);
    await atWeek(cohortId, 3);
    await eventually(async () =>
      ((await dataSource.query(`SELECT 1 FROM mentor_assignments WHERE intern_id = $1`, [internId])) as unknown[])
        .length
        ? true
        : undefined,
    );
  });

  it('lets a program manager tailor the cohort’s rubric while no window has opened', async () => {
    const levels = [1, 2, 3, 4, 5].map((score) => ({
      score,
      label: `L${score}`,
      description: `Level ${score} of clarity`,
    }));
    const res = await graphql(
      `
        mutation ($input: TailorRubricInput!) {
          tailorRubric(input: $input) {
            kind
            cohortId
            tailored
            name
            criteria {
              key
            }
          }
        }
      `,
      pm,
      {
        input: {
          cohortId,
          kind: 'PRESENTATION',
          criteria: [
            { key: 'CLARITY', name: 'Clarity', description: 'Clear story', levels },
            { key: 'DEMO', name: 'Demo', description: 'A working demo', levels },
          ],
        },
      },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.tailorRubric).toEqual({
      kind: 'PRESENTATION',
      cohortId,
      tailored: true,
      name: 'Presentation rubric (tailored)',
      criteria: [{ key: 'CLARITY' }, { key: 'DEMO' }],
    });
    const bad = await graphql(
      `
        mutation ($input: TailorRubricInput!) {
          tailorRubric(input: $input) {
            kind
          }
        }
      `,
      pm,
      {
        input: {
          cohortId,
          kind: 'PROGRAM',
          criteria: [{ key: 'lower', name: 'x', description: 'y', levels: levels.slice(1) }],
        },
      },
    );
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.body.errors![0].extensions.fields.map((f: { field: string }) => f.field)).toEqual([
      'criteria[0].key',
      'criteria[0].levels',
    ]);
    const shown = await graphql(
      `
        query ($c: ID) {
          rubric(kind: PRESENTATION, cohortId: $c) {
            tailored
            criteria {
              key
            }
          }
        }
      `,
      intern,
      {
        c: cohortId,
      },
    );
    expect(shown.body.data.rubric).toEqual({ tailored: true, criteria: [{ key: 'CLARITY' }, { key: 'DEMO' }] });
  });

  it('refuses evaluations before the window with CONFLICT naming the window', async () => {
    const early = await graphql(SUBMIT_MENTOR, mentor, { input: midpoint() });
    expect(early.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(early.body.errors?.[0]?.message).toBe(
      `the MIDPOINT evaluation window (week 6, 2027-07-12 – 2027-07-18) of intern ${internId} has not opened yet (the cohort is in week 3): evaluations of that cycle can be written from week 6`,
    );
    const final = await graphql(SUBMIT_MENTOR, mentor, {
      input: midpoint({ cycle: 'FINAL', decision: 'PASS', returnOffer: 'YES' }),
    });
    expect(final.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(final.body.errors?.[0]?.message).toContain('the FINAL evaluation window (week 12, 2027-08-23 – 2027-08-29)');
    const self = await graphql(SUBMIT_SELF, intern, {
      input: { cycle: 'MIDPOINT', scores: SCORES, reflections: 'So far so good' },
    });
    expect(self.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(self.body.errors?.[0]?.message).toContain('the MIDPOINT evaluation window (week 6');
    expect(((await dataSource.query(`SELECT count(*)::int AS n FROM evaluations`)) as { n: number }[])[0]!.n).toBe(0);
  });

  it('lets only the primary mentor evaluate, and checks the decision', async () => {
    const other = await graphql(SUBMIT_MENTOR, await token(`someone-${run}`, 'MENTOR'), { input: midpoint() });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asIntern = await graphql(SUBMIT_MENTOR, intern, { input: midpoint() });
    expect(asIntern.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // An intern who does not exist answers as someone else's: a mentor cannot probe for interns.
    const unknown = await graphql(SUBMIT_MENTOR, mentor, { input: midpoint({ internId: `nobody-${run}` }) });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await graphql(SUBMIT_MENTOR, mentor, { input: midpoint({ decision: 'PASS', extensionWeeks: 9 }) });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors![0].extensions.fields.map((f: { field: string }) => f.field)).toEqual([
      'decision',
      'extensionWeeks',
    ]);
  });

  it('opens the midpoint window in week 6 (EvaluationDue), accepts one evaluation, editable while open', async () => {
    await startWeeks(cohortId, 4, 6);
    await atWeek(cohortId, 6);
    const [due] = await probe.waitFor(ofType(EvaluationDueV1.type, internId));
    expect(due!.json).toMatchObject({
      cohortId,
      internId,
      cycle: 'MIDPOINT',
      week: 6,
      startsOn: '2027-07-12',
      endsOn: '2027-07-18',
      mentorId,
    });

    const windows = await graphql(
      `
        query ($id: ID!) {
          evaluationWindows(internId: $id) {
            cycle
            week
            status
            startsOn
          }
        }
      `,
      intern,
      { id: internId },
    );
    expect(windows.body.data.evaluationWindows).toEqual([
      { cycle: 'MIDPOINT', week: 6, status: 'OPEN', startsOn: '2027-07-12' },
      { cycle: 'FINAL', week: 12, status: 'UPCOMING', startsOn: '2027-08-23' },
    ]);

    const first = await graphql(SUBMIT_MENTOR, mentor, { input: midpoint() });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.submitMentorEvaluation).toMatchObject({
      kind: 'MENTOR',
      cycle: 'MIDPOINT',
      averageScore: 3.5,
      decision: 'CONTINUE',
      privateComments: 'Consider for the platform team',
      revision: 1,
    });
    const decided = await probe.waitFor(ofType(MidpointDecisionMadeV1.type, internId));
    expect(decided[0]!.json).toMatchObject({
      cohortId,
      internId,
      mentorId,
      decision: 'CONTINUE',
      extensionWeeks: null,
    });
    expect(JSON.stringify(decided[0]!.json)).not.toContain('platform team');

    const edited = await graphql(SUBMIT_MENTOR, mentor, {
      input: midpoint({ scores: SCORES.map((s) => ({ ...s, score: 4 })) }),
    });
    expect(edited.body.data.submitMentorEvaluation).toMatchObject({
      averageScore: 4,
      revision: 2,
      decision: 'CONTINUE',
    });
    await probe.waitFor(ofType(EvaluationSubmittedV1.type, internId), { count: 2 });
    const changed = await graphql(SUBMIT_MENTOR, mentor, {
      input: midpoint({ decision: 'EXTEND', extensionWeeks: 2 }),
    });
    expect(changed.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(probe.messages.filter(ofType(MidpointDecisionMadeV1.type, internId))).toHaveLength(1);

    // The tailoring window closed with the first evaluation window.
    const tailor = await graphql(
      `
        mutation ($input: TailorRubricInput!) {
          tailorRubric(input: $input) {
            kind
          }
        }
      `,
      pm,
      {
        input: {
          cohortId,
          kind: 'PROGRAM',
          criteria: [
            {
              key: 'X',
              name: 'X',
              description: 'X',
              levels: [1, 2, 3, 4, 5].map((score) => ({ score, label: 'l', description: `d${score}` })),
            },
          ],
        },
      },
    );
    expect(tailor.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(tailor.body.errors?.[0]?.message).toContain(
      'the MIDPOINT evaluation window (week 6, 2027-07-12 – 2027-07-18)',
    );
  });

  it('never shows private comments or the return offer to the intern', async () => {
    const query = `query ($id: ID!) { evaluations(internId: $id) { kind sharedComments privateComments } }`;
    const asIntern = await graphql(query, intern, { id: internId });
    expect(asIntern.body.data.evaluations).toEqual([
      { kind: 'MENTOR', sharedComments: 'Solid first half', privateComments: null },
    ]);
    const asPm = await graphql(query, pm, { id: internId });
    expect(asPm.body.data.evaluations[0].privateComments).toBe('Consider for the platform team');
    // Anyone else reads an empty list, as for an intern without evaluations (or without existence).
    const otherIntern = await graphql(query, await token(`other-${run}`, 'INTERN'), { id: internId });
    expect(otherIntern.body).toEqual({ data: { evaluations: [] } });
    const otherMentor = await graphql(query, await token(`someone-${run}`, 'MENTOR'), { id: internId });
    expect(otherMentor.body).toEqual({ data: { evaluations: [] } });
    // Through the Intern entity (a reference resolver: no role guard on that path).
    const entity = await graphql(
      `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Intern {
              id
              evaluations {
                privateComments
              }
            }
          }
        }
      `,
      intern,
      { r: [{ __typename: 'Intern', id: internId }] },
    );
    expect(entity.body.data._entities).toEqual([{ id: internId, evaluations: [{ privateComments: null }] }]);
    const anonymous = await graphql(
      `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Intern {
              id
              evaluations {
                privateComments
              }
            }
          }
        }
      `,
      undefined,
      { r: [{ __typename: 'Intern', id: internId }] },
    );
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('closes the window when week 7 starts: edits get CONFLICT, the missing self-evaluation is overdue', async () => {
    await startWeeks(cohortId, 7, 7);
    await atWeek(cohortId, 7);
    const late = await graphql(SUBMIT_MENTOR, mentor, { input: midpoint() });
    expect(late.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(late.body.errors?.[0]?.message).toBe(
      `the MIDPOINT evaluation window (week 6, 2027-07-12 – 2027-07-18) of intern ${internId} has closed (the cohort is in week 7): evaluations of that cycle can no longer be written or changed`,
    );
    const self = await graphql(SUBMIT_SELF, intern, {
      input: { cycle: 'MIDPOINT', scores: SCORES, reflections: 'Late' },
    });
    expect(self.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const [overdue] = await probe.waitFor(ofType(EvaluationOverdueV1.type, internId));
    expect(overdue!.json).toMatchObject({ cohortId, internId, cycle: 'MIDPOINT', week: 6, missing: ['SELF'] });
  });
});

describe('presentation scores', () => {
  const cohortId = `cohort-pres-${run}`;
  const internId = `intern-pres-${run}`;
  const slotId = `slot-${run}`;
  const SCORE = `mutation ($input: ScorePresentationInput!) {
    scorePresentation(input: $input) { slotId internId mentorId averageScore scores { criterion score } } }`;
  const criteria = (...values: number[]) =>
    ['CLARITY', 'TECHNICAL_DEPTH', 'IMPACT', 'HANDLING_QUESTIONS'].map((criterion, i) => ({
      criterion,
      score: values[i],
    }));

  beforeAll(async () => {
    await scheduleCohort(cohortId);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, internId, 'Pia Presenter'));
    await publish(PresentationSlotOpenedV1, cohortId, {
      slotId,
      cohortId,
      startsAt: '2027-08-23T09:00:00.000Z',
      durationMinutes: 30,
      panelMentorIds: ['panel-a', 'panel-b'],
    });
    await startWeeks(cohortId, 1, 11);
    await atWeek(cohortId, 11);
  });

  it('lets only the panel of a booked slot score it, from the slot’s week, averaged per intern and criterion', async () => {
    const a = await token('panel-a', 'MENTOR');
    const notBooked = await graphql(SCORE, a, { input: { slotId, scores: criteria(4, 4, 4, 4) } });
    expect(notBooked.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await publish(PresentationSlotBookedV1, cohortId, {
      slotId,
      cohortId,
      internId,
      startsAt: '2027-08-23T09:00:00.000Z',
      panelMentorIds: ['panel-a', 'panel-b'],
    });
    await eventually(async () =>
      (
        (await dataSource.query(`SELECT intern_id FROM presentation_slots WHERE slot_id = $1`, [slotId])) as {
          intern_id: string | null;
        }[]
      )[0]?.intern_id
        ? true
        : undefined,
    );
    const early = await graphql(SCORE, a, { input: { slotId, scores: criteria(4, 4, 4, 4) } });
    expect(early.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(early.body.errors?.[0]?.message).toContain('it can be scored from week 12');
    await startWeeks(cohortId, 12, 12);
    await atWeek(cohortId, 12);

    const outsider = await graphql(SCORE, await token('panel-z', 'MENTOR'), {
      input: { slotId, scores: criteria(5, 5, 5, 5) },
    });
    // off the panel reads exactly like an unknown slot
    expect(outsider.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await graphql(SCORE, a, { input: { slotId, scores: criteria(4, 4, 4, 9) } });
    expect(bad.body.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'scores[3].score', message: 'must be a whole number from 1 to 5' },
    ]);
    const first = await graphql(SCORE, a, { input: { slotId, scores: criteria(5, 4, 4, 3) } });
    expect(first.body.data.scorePresentation).toMatchObject({ slotId, internId, mentorId: 'panel-a', averageScore: 4 });
    await graphql(SCORE, await token('panel-b', 'MENTOR'), { input: { slotId, scores: criteria(3, 2, 3, 4) } });
    const [scored] = await probe.waitFor(ofType(PresentationScoredV1.type, internId));
    expect(scored!.json).toMatchObject({ slotId, cohortId, internId, mentorId: 'panel-a', averageScore: 4 });

    const result = await graphql(
      `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Intern {
              presentation {
                averageScore
                panelCount
                criteria {
                  criterion
                  average
                  count
                }
              }
            }
          }
        }
      `,
      await token(internId, 'INTERN'),
      { r: [{ __typename: 'Intern', id: internId }] },
    );
    expect(result.body.data._entities[0].presentation).toEqual({
      averageScore: 3.5,
      panelCount: 2,
      criteria: [
        { criterion: 'CLARITY', average: 4, count: 2 },
        { criterion: 'TECHNICAL_DEPTH', average: 3, count: 2 },
        { criterion: 'IMPACT', average: 3.5, count: 2 },
        { criterion: 'HANDLING_QUESTIONS', average: 3.5, count: 2 },
      ],
    });
  });
});

describe('the progress read model', () => {
  const cohortId = `cohort-risk-${run}`;
  const red = `intern-red-${run}`;
  const fine = `intern-fine-${run}`;
  const mentorId = `mentor-risk-${run}`;
  const early = `intern-early-${run}`;

  beforeAll(async () => {
    await scheduleCohort(cohortId);
    // Facts about an intern may arrive (from other topics) before their enrollment does.
    await publish(CheckInMissedV1, early, { cohortId, internId: early, mentorId, week: 2 });
    await assign(cohortId, early, mentorId);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, red, 'Rita Red'));
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, fine, 'Finn Fine'));
    await startWeeks(cohortId, 1, 5);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, early, 'Eve Early'));
    await publish(TechTalkScheduledV1, cohortId, {
      cohortId,
      talkId: `talk-${run}`,
      title: 'Feature stores',
      speaker: 'Ana',
      startsAt: '2027-06-10T15:00:00.000Z',
      durationMinutes: 60,
    });
    await publish(TechTalkAttendedV1, cohortId, { cohortId, internId: fine, talkId: `talk-${run}` });
    for (const internId of [red, fine]) {
      await assign(cohortId, internId, mentorId);
      await publish(OnboardingCompletedV1, cohortId, {
        enrollmentId: `enr-${internId}`,
        cohortId,
        internId,
        completedAt: '2027-06-08T10:00:00.000Z',
      });
      await publish(ProjectScopeApprovedV1, `project-${internId}`, {
        projectId: `project-${internId}`,
        cohortId,
        internId,
        version: 1,
        mentorId,
        milestones: [{ milestoneId: `ms-${internId}`, title: 'Baseline model', dueWeek: 4 }],
      });
    }
    await publish(CheckInLoggedV1, fine, {
      checkInId: `ci-${fine}`,
      cohortId,
      internId: fine,
      mentorId,
      occurredOn: '2027-06-29',
      week: 4,
      durationMinutes: 30,
      format: 'VIDEO',
      progress: 'ON_TRACK',
      blockerCount: 0,
    });
    await publish(MilestoneReportSubmittedV1, `project-${fine}`, {
      reportId: `rep-${fine}`,
      milestoneId: `ms-${fine}`,
      projectId: `project-${fine}`,
      cohortId,
      internId: fine,
      dueWeek: 4,
      late: false,
      submittedAt: '2027-07-02T10:00:00.000Z',
    });
    await publish(CheckInMissedV1, red, { cohortId, internId: red, mentorId, week: 3 });
    await publish(CheckInMissedV1, red, { cohortId, internId: red, mentorId, week: 4 });
    await publish(MilestoneOverdueV1, `project-${red}`, {
      milestoneId: `ms-${red}`,
      projectId: `project-${red}`,
      cohortId,
      internId: red,
      dueWeek: 4,
    });
  });

  async function progressOf(internId: string, tokenOf: string) {
    const res = await graphql(
      `
        query ($c: ID) {
          internProgress(cohortId: $c, first: 10) {
            totalCount
            edges {
              node {
                internId
                name
                enrollmentStatus
                currentWeek
                riskLevel
                riskReasons
                primaryMentorId
                checkIns {
                  logged
                  missed
                  missedWeeks
                }
                milestoneReports {
                  onTime
                  late
                  missing
                  overdueMilestones {
                    title
                    dueWeek
                  }
                }
                talks {
                  held
                  attended
                }
                scope {
                  status
                  overdue
                }
                onboarding {
                  done
                }
              }
            }
          }
        }
      `,
      tokenOf,
      { c: cohortId },
    );
    expect(res.body.errors).toBeUndefined();
    return (res.body.data.internProgress.edges as { node: any }[])
      .map((e) => e.node)
      .find((n) => n.internId === internId);
  }

  it('turns an intern with two missed check-ins and an overdue milestone RED, publishing InternRiskChanged', async () => {
    const pm = await token('pm-1', 'PROGRAM_MANAGER');
    const row = await eventually(async () => {
      const r = await progressOf(red, pm);
      // Events of several topics arrive in any order: wait until all of them are in.
      return r?.riskLevel === 'RED' && r.onboarding?.done && r.enrollmentStatus === 'ACTIVE' ? r : undefined;
    });
    expect(row).toMatchObject({
      name: 'Rita Red',
      enrollmentStatus: 'ACTIVE',
      currentWeek: 5,
      primaryMentorId: mentorId,
      checkIns: { logged: 0, missed: 2, missedWeeks: [3, 4] },
      milestoneReports: {
        onTime: 0,
        late: 0,
        missing: 1,
        overdueMilestones: [{ title: 'Baseline model', dueWeek: 4 }],
      },
      scope: { status: 'APPROVED', overdue: false },
      onboarding: { done: true },
    });
    expect(row.riskReasons).toEqual([
      '2 check-ins missed (weeks 3 and 4)',
      '1 milestone report overdue: “Baseline model” (due week 4)',
    ]);
    const changed = await probe.waitFor(
      (m) => ofType(InternRiskChangedV1.type, red)(m) && (m.json as { level: string }).level === 'RED',
    );
    expect(changed[0]!.json).toMatchObject({ cohortId, internId: red, level: 'RED' });

    const green = await eventually(async () => {
      const r = await progressOf(fine, pm);
      return r?.checkIns.logged === 1 && r.milestoneReports.onTime === 1 ? r : undefined;
    });
    expect(green).toMatchObject({ riskLevel: 'GREEN', riskReasons: [], talks: { held: 1, attended: 1 } });

    const late = await eventually(() => progressOf(early, pm));
    expect(late).toMatchObject({
      primaryMentorId: mentorId,
      checkIns: { missed: 1, missedWeeks: [2] },
      riskLevel: 'AMBER',
    });
    expect(late.riskReasons).toEqual(
      expect.arrayContaining(['1 check-in missed (week 2)', 'onboarding not completed in week 5 (0 tasks done)']),
    );
  });

  it('shows a mentor their mentees, an intern only themself', async () => {
    const mine = await graphql(
      `
        {
          internProgress(first: 50) {
            edges {
              node {
                internId
              }
            }
          }
        }
      `,
      await token(mentorId, 'MENTOR'),
    );
    expect(mine.body.data.internProgress.edges.map((e: any) => e.node.internId).sort()).toEqual(
      [early, fine, red].sort(),
    );
    const self = await graphql(
      `
        {
          internProgress(first: 50) {
            totalCount
            edges {
              node {
                internId
                riskLevel
                riskReasons
              }
            }
          }
        }
      `,
      await token(red, 'INTERN'),
    );
    // Why they are at risk is for program managers and mentors: never the intern's to read.
    expect(self.body.data.internProgress).toEqual({
      totalCount: 1,
      edges: [{ node: { internId: red, riskLevel: 'RED', riskReasons: [] } }],
    });
    const reds = await graphql(
      `
        query ($c: ID) {
          internProgress(cohortId: $c, riskLevel: RED) {
            edges {
              node {
                internId
              }
            }
          }
        }
      `,
      await token('pm-1', 'PROGRAM_MANAGER'),
      { c: cohortId },
    );
    expect(reds.body.data.internProgress.edges).toEqual([{ node: { internId: red } }]);
  });

  it('rebuilds from offset zero into the same rows as the live model, and can swap it in', async () => {
    // Let this service's own events (reminders, risk changes) be published and consumed back first.
    await eventually(async () =>
      (
        (await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as { n: number }[]
      )[0]!.n === 0
        ? true
        : undefined,
    );
    const rebuild = () =>
      new ProgressRebuild({
        dataSource,
        kafka: createKafka('evaluations-rebuild-test', TEST_BROKERS, testLogger()),
        topics: TOPICS,
        liveGroupId: GROUP_ID,
        logger: testLogger(),
        timeoutMs: 60_000,
      });
    const started = Date.now();
    const report = await rebuild().rebuildAndCompare();
    expect(report.liveCaughtUp).toBe(true);
    expect(report.tables.map((t) => [t.table, t.onlyLive, t.onlyRebuilt, t.different])).toEqual([
      ['intern_progress', [], [], []],
      ['progress_facts', [], [], []],
    ]);
    expect(report.identical).toBe(true);
    expect(report.applied).toBeGreaterThan(30);
    const live = (await dataSource.query(`SELECT count(*)::int AS n FROM intern_progress`)) as { n: number }[];
    expect(report.tables[0]!.live).toBe(live[0]!.n);
    expect(report.tables[0]!.rebuilt).toBeGreaterThanOrEqual(5);
    expect(Date.now() - started).toBeLessThan(60_000);

    // A live row that drifted is found by the comparison and put right by a swap.
    await dataSource.query(
      `UPDATE intern_progress SET risk_level = 'GREEN', details = jsonb_set(details, '{risk,level}', '"GREEN"') WHERE intern_id = $1`,
      [red],
    );
    const drifted = await rebuild().rebuildAndCompare();
    expect(drifted.identical).toBe(false);
    expect(drifted.tables[0]!.different.map((d) => d.key)).toEqual([`${cohortId} / ${red}`]);
    const swapped = await rebuild().rebuildAndSwap();
    expect(swapped).toMatchObject({ swapped: true, identical: true });
    const [row] = (await dataSource.query(`SELECT risk_level FROM intern_progress WHERE intern_id = $1`, [red])) as {
      risk_level: string;
    }[];
    expect(row!.risk_level).toBe('RED');
    const schemas = (await dataSource.query(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'progress_rebuild_%'`,
    )) as unknown[];
    expect(schemas).toEqual([]);
  });
});
