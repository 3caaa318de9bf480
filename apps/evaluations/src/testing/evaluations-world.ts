import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import type { Admin } from 'kafkajs';
import {
  CohortScheduledV1,
  CohortStartedV1,
  CohortWeekStartedV1,
  CONTEXTS,
  InternEnrolledV1,
  MentorAssignedV1,
  type Context,
  type EventContract,
  type EventData,
} from '#contracts';
import type { CloudEvent } from '#messaging';
import {
  cohortScheduledData,
  internEnrolledData,
  eventually,
  signTestToken,
  startService,
  testKafka,
  type GqlClient,
  type ServiceHarness,
} from '#testing';
import { AppModule } from '../app.module.js';
import { evaluationsConfigSchema } from '../config.js';

export const SCORES = [
  'TECHNICAL_EXECUTION',
  'ML_DATA_FUNDAMENTALS',
  'PROBLEM_SOLVING',
  'COMMUNICATION',
  'COLLABORATION',
  'OWNERSHIP',
].map((competency, i) => ({ competency, score: 3 + (i % 2), comment: i === 0 ? 'Ships reliably' : null }));

export const SUBMIT_MENTOR = `mutation ($input: SubmitMentorEvaluationInput!) {
  submitMentorEvaluation(input: $input) { id kind cycle averageScore decision extensionWeeks returnOffer privateComments revision
    scores { competency score comment } } }`;
export const SUBMIT_SELF = `mutation ($input: SubmitSelfEvaluationInput!) {
  submitSelfEvaluation(input: $input) { id kind cycle programNps reflections } }`;

export const token = (sub: string, role: 'PROGRAM_MANAGER' | 'MENTOR' | 'INTERN') =>
  signTestToken({ sub, roles: [role] });

export function enrolled(cohortId: string, internId: string, name: string): EventData<typeof InternEnrolledV1> {
  return internEnrolledData(cohortId, internId, { name });
}

/**
 * The real evaluations AppModule on a throwaway database, with Kafka topics of the file's own (one
 * per context, three partitions each, like the real ones): events of the other contexts are
 * published straight to them, and a rebuild replays them from offset zero. Started before the
 * file's tests, taken down (topics included) after them.
 */
export function evaluationsWorld(env: Record<string, string> = {}) {
  const run = randomBytes(4).toString('hex');
  const topicOf = (context: Context) => `test.evaluations.${run}.${context}.events`;
  /** The compacted topic of each context's personal-data keys (crypto-shredding), the file's own too. */
  const keysTopicOf = (context: Context) => `test.evaluations.${run}.${context}.personal-data-keys`;
  const DLT = `test.evaluations.${run}.dead-letter`;
  const TOPICS = CONTEXTS.map(topicOf);
  const KEY_TOPICS = CONTEXTS.map(keysTopicOf);
  let admin: Admin;
  let svc: ServiceHarness;

  beforeAll(async () => {
    admin = testKafka('evaluations-test').admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        ...TOPICS.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
        ...KEY_TOPICS.map((topic) => ({
          topic,
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        })),
        { topic: DLT, numPartitions: 1, replicationFactor: 1 },
      ],
    });
    // Metadata of new topics reaches every client a moment after their creation.
    for (const topic of [...TOPICS, ...KEY_TOPICS, DLT]) {
      await eventually(
        () =>
          admin.fetchTopicOffsets(topic).then(
            () => true,
            () => undefined,
          ),
        { what: `topic ${topic} ready` },
      );
    }
    svc = await startService({
      service: 'evaluations',
      configSchema: evaluationsConfigSchema,
      module: (config, logger) =>
        AppModule.forRoot(config, logger, {
          topics: { events: topicOf, keys: keysTopicOf, deadLetter: DLT },
          relayPollIntervalMs: 200,
          retryBackoffMs: 20,
        }),
      groupId: `test-evaluations-${run}`,
      env,
      probe: [topicOf('evaluations'), DLT],
      producer: { allowAutoTopicCreation: false },
    });
  });

  afterAll(async () => {
    await svc?.stop();
    await admin?.deleteTopics({ topics: [...TOPICS, ...KEY_TOPICS, DLT] }).catch(() => undefined);
    await admin?.disconnect();
  });

  const gql: GqlClient = (query, variables, caller) => svc.gql(query, variables, caller);

  async function publish<T>(contract: EventContract<T>, key: string, data: T): Promise<CloudEvent<T>> {
    const event = await svc.publish(contract, key, data, { topic: topicOf(contract.context) });
    return event;
  }

  async function scheduleCohort(cohortId: string, weeks = 12): Promise<void> {
    await publish(CohortScheduledV1, cohortId, cohortScheduledData(cohortId, { weeks, capacity: 10 }));
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

  async function assign(
    cohortId: string,
    internId: string,
    mentorId: string,
    role: 'PRIMARY' | 'CO_MENTOR' = 'PRIMARY',
  ) {
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
    const rows = (await svc.dataSource.query(`SELECT current_week FROM eval_cohorts WHERE cohort_id = $1`, [
      cohortId,
    ])) as {
      current_week: number;
    }[];
    return rows[0]?.current_week;
  }

  const atWeek = (cohortId: string, week: number) =>
    eventually(async () => (await clockWeek(cohortId)) === week, { what: `cohort ${cohortId} in week ${week}` });

  return {
    run,
    topicOf,
    keysTopicOf,
    TOPICS,
    DLT,
    get svc(): ServiceHarness {
      return svc;
    },
    gql,
    publish,
    scheduleCohort,
    startWeeks,
    assign,
    atWeek,
  };
}
