import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import kafkajs, { Kafka, logLevel, type Admin } from 'kafkajs';

const { ConfigResourceTypes } = kafkajs;
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '#testing';
import { checkEventsRetention } from './topic-retention.js';

// A broker of this file's own (infra/kafka/kafka.sh with its own data dir and ports), because
// deleting old segments is the broker's periodic job: log.retention.check.interval.ms (5 min on the
// shared broker) cannot be changed while a broker runs. This one checks every 500 ms, from 500 ms
// after it starts. It is made afresh, and stopped and deleted at the end; the shared broker is not touched.
const REPO = new URL('../../../', import.meta.url).pathname;
const SCRIPT = join(REPO, 'infra/kafka/kafka.sh');
const DATA_ROOT = join(process.env.MENTORFLOW_DATA_DIR ?? join(REPO, '.data'), 'retention-test');
const BROKER = '127.0.0.1:19392';
const run = randomBytes(4).toString('hex');

const sh = promisify(execFile);
const broker = (command: 'start' | 'reset') =>
  sh('bash', [SCRIPT, command], {
    env: {
      ...process.env,
      MENTORFLOW_DATA_DIR: DATA_ROOT,
      KAFKA_PORT: '19392',
      KAFKA_CONTROLLER_PORT: '19393',
      KAFKA_RETENTION_CHECK_INTERVAL_MS: '500',
      KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
      KAFKA_START_TIMEOUT: '60',
    },
    timeout: 90_000,
  });

const { createTopics, DEAD_LETTER_RETENTION_MS } = createRequire(import.meta.url)(
  join(REPO, 'infra/kafka/create-topics.js'),
) as {
  createTopics: (o: { brokers: string[]; topics: string[]; security: object }) => Promise<{
    created: string[];
    altered: string[];
  }>;
  DEAD_LETTER_RETENTION_MS: number;
};

const kafka = new Kafka({ clientId: 'retention-test', brokers: [BROKER], logLevel: logLevel.NOTHING });
let admin: Admin;

/** A logger whose lines are kept, to see what was warned. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** The topic's own settings (those made on the topic, not the broker's defaults). */
async function topicConfigs(topic: string): Promise<Record<string, string>> {
  const { resources } = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
    includeSynonyms: false,
  });
  return Object.fromEntries(
    resources[0]!.configEntries.filter((e) => e.configSource === 1).map((e) => [e.configName, e.configValue]),
  );
}

const lowOffset = async (topic: string) => Number((await admin.fetchTopicOffsets(topic))[0]!.low);

beforeAll(async () => {
  // Whatever an earlier, interrupted run left goes first.
  await broker('reset');
  await broker('start');
  admin = kafka.admin();
  await admin.connect();
}, 120_000);

afterAll(async () => {
  await admin?.disconnect().catch(() => undefined);
  await broker('reset');
}, 60_000);

describe('infra/kafka/create-topics.js: retention set explicitly', () => {
  const events = `test.retention.${run}.events`;
  const deadLetter = `test.retention.${run}.dead-letter`;
  const earlier = `test.retention.${run}.earlier.events`;

  it('creates events topics with unlimited retention and dead-letter topics with 30 days', async () => {
    const res = await createTopics({ brokers: [BROKER], topics: [events, deadLetter], security: {} });
    expect(res.created.sort()).toEqual([deadLetter, events].sort());
    expect(await topicConfigs(events)).toMatchObject({ 'retention.ms': '-1', 'retention.bytes': '-1' });
    expect(await topicConfigs(deadLetter)).toMatchObject({
      'retention.ms': String(DEAD_LETTER_RETENTION_MS),
      'retention.bytes': '-1',
    });
    expect(DEAD_LETTER_RETENTION_MS).toBe(30 * 24 * 3600 * 1000);
  });

  it('alters an events topic created earlier without them, keeps its other settings, and is idempotent', async () => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: earlier,
          numPartitions: 1,
          configEntries: [
            { name: 'retention.ms', value: '604800000' },
            { name: 'max.message.bytes', value: '2000000' },
          ],
        },
      ],
    });
    const first = await createTopics({ brokers: [BROKER], topics: [events, deadLetter, earlier], security: {} });
    expect(first).toMatchObject({ created: [], altered: [earlier] });
    expect(await topicConfigs(earlier)).toEqual({
      'retention.ms': '-1',
      'retention.bytes': '-1',
      'max.message.bytes': '2000000',
    });
    const again = await createTopics({ brokers: [BROKER], topics: [events, deadLetter, earlier], security: {} });
    expect(again).toMatchObject({ created: [], altered: [] });
  });
});

describe('the start-up check against a broker that deletes old segments', () => {
  const limited = `test.retention.${run}.limited.events`;
  const unlimited = `test.retention.${run}.unlimited.events`;

  beforeAll(async () => {
    // A tiny retention and segment: each event after the first 100 ms rolls a new segment, and a
    // segment whose newest event is older than 1 s is deleted at the broker's next check.
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: limited,
          numPartitions: 1,
          configEntries: [
            { name: 'retention.ms', value: '1000' },
            { name: 'segment.ms', value: '100' },
          ],
        },
        {
          topic: unlimited,
          numPartitions: 1,
          configEntries: [
            { name: 'retention.ms', value: '-1' },
            { name: 'retention.bytes', value: '-1' },
            { name: 'segment.ms', value: '100' },
          ],
        },
      ],
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    for (let i = 0; i < 4; i++) {
      await producer.send({ topic: limited, acks: -1, messages: [{ key: 'k', value: `event ${i}` }] });
      await producer.send({ topic: unlimited, acks: -1, messages: [{ key: 'k', value: `event ${i}` }] });
      await new Promise((r) => setTimeout(r, 250));
    }
    await producer.disconnect();
  }, 30_000);

  it('warns about the topic with limited retention, naming it and its settings, and not about the unlimited one', async () => {
    const { logger, lines } = capturingLogger();
    const found = await checkEventsRetention({ kafka, topics: [limited, unlimited], logger });
    expect(found).toEqual([{ topic: limited, retentionMs: '1000', retentionBytes: expect.any(String) }]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, topic: limited, retentionMs: '1000' });
    expect(String(lines[0]!.msg)).toContain(`events topic ${limited} deletes old events`);
  });

  it('the limited topic really loses its old events, the unlimited one keeps every one', async () => {
    // Proof of the deletion: the log start offset moves past 0 once the broker deleted the old segments.
    const start = await eventually(async () => ((await lowOffset(limited)) > 0 ? lowOffset(limited) : false), {
      timeoutMs: 30_000,
      intervalMs: 250,
      what: `the broker deleting the old segments of ${limited}`,
    });
    expect(start).toBeGreaterThanOrEqual(1);
    // The same checks ran over the unlimited topic, with segments just as old: nothing deleted.
    expect(await lowOffset(unlimited)).toBe(0);
    const consumer = kafka.consumer({ groupId: `test-retention-${run}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: unlimited, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
    await eventually(() => seen.length >= 4, { what: 'every event of the unlimited topic' });
    await consumer.disconnect();
    expect(seen).toEqual(['event 0', 'event 1', 'event 2', 'event 3']);
  });
});

describe('a personal-data keys topic: an erased key leaves the log', () => {
  const keys = `test.retention.${run}.cohorts.personal-data-keys`;

  /** What a reader from offset zero finds: the newest value per key, tombstones as null. */
  async function readAll(): Promise<{ key: string; value: string | null; offset: string }[]> {
    const end = Number((await admin.fetchTopicOffsets(keys))[0]!.high);
    const consumer = kafka.consumer({ groupId: `test-keys-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 200 });
    const seen: { key: string; value: string | null; offset: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: keys, fromBeginning: true });
    let last = -1;
    await consumer.run({
      eachMessage: async ({ message }) => {
        last = Number(message.offset);
        seen.push({ key: message.key!.toString(), value: message.value?.toString() ?? null, offset: message.offset });
      },
    });
    // Compaction leaves gaps, so the end offset may never be seen: done there, or once nothing came for 2 s.
    let count = -1;
    let quietSince = Date.now();
    await eventually(
      () => {
        if (seen.length !== count) [count, quietSince] = [seen.length, Date.now()];
        return last >= end - 1 || Date.now() - quietSince > 2000;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: `reading ${keys} to its end` },
    );
    await consumer.disconnect();
    return seen;
  }

  it('is created compacted by create-topics.js, and compaction removes the key a tombstone supersedes', async () => {
    const res = await createTopics({
      brokers: [BROKER],
      // The production settings, with a segment that rolls within 100 ms and tombstones kept 100 ms, to see it happen now.
      topics: [{ name: keys, partitions: 1, configs: { 'segment.ms': '100', 'delete.retention.ms': '100' } }] as never,
      security: {},
    });
    expect(res.created).toEqual([keys]);
    expect(await topicConfigs(keys)).toMatchObject({
      'cleanup.policy': 'compact',
      'min.compaction.lag.ms': '0',
      'min.cleanable.dirty.ratio': '0.01',
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic: keys, acks: -1, messages: [{ key: 'ada', value: '{"key":"QURBLUtFWQ=="}' }] });
    await producer.send({ topic: keys, acks: -1, messages: [{ key: 'grace', value: '{"key":"R1JBQ0UtS0VZ"}' }] });
    await producer.send({ topic: keys, acks: -1, messages: [{ key: 'ada', value: null }] }); // Ada erased
    // Later writes roll segments, so that the ones holding Ada's key become cleanable.
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 300));
      await producer.send({ topic: keys, acks: -1, messages: [{ key: `later-${i}`, value: '{"key":"eA=="}' }] });
    }
    await producer.disconnect();
    // The broker's cleaner runs every 15 s (log.cleaner.backoff.ms): Ada's key goes, Grace's stays.
    const after = await eventually(
      async () => {
        const seen = await readAll();
        return seen.some((m) => m.key === 'ada' && m.value !== null) ? false : seen;
      },
      { timeoutMs: 90_000, intervalMs: 2000, what: 'the cleaner compacting away the erased key' },
    );
    expect(after.find((m) => m.key === 'grace')?.value).toBe('{"key":"R1JBQ0UtS0VZ"}');
    expect(after.filter((m) => m.key === 'ada' && m.value !== null)).toEqual([]);
  }, 120_000);
});
