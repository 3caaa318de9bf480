import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Admin, Producer } from 'kafkajs';
import pg from 'pg';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import { defineEvent } from '#contracts';
import { eventually, TEST_BROKERS, testKafka, testLogger, throwawayDatabase, type ThrowawayDatabase } from '#testing';
import { encodeCloudEvent, newCloudEvent } from './cloud-event.js';
import { on, type ConsumesEvents } from './event-handler.js';
import { MessagingModule, MessagingRuntime } from './messaging.module.js';
import { createMessagingTables } from './messaging-tables.js';
import { messagingMetrics } from './metrics.js';

// Graceful shutdown against the real Kafka and Postgres: the path a SIGTERM takes through Nest's
// shutdown hooks (enableShutdownHooks → beforeApplicationShutdown → MessagingRuntime stops the
// consumer, which lets the message in flight finish and commits its offset → TypeORM closes).
const run = randomBytes(4).toString('hex');
const TOPIC = `test.shutdown.${run}.events`;
const DLT = `test.shutdown.${run}.dead-letter`;
const GROUP = `test-shutdown-${run}`;

const JobRequestedV1 = defineEvent(
  'cohorts',
  'TestJobRequested',
  1,
  z.object({ jobId: z.string(), ms: z.number().int().min(0) }),
);
type Job = z.infer<typeof JobRequestedV1.schema>;

class ShutdownTables1700000000001 implements MigrationInterface {
  name = 'ShutdownTables1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q);
    await q.query(
      `CREATE TABLE jobs (id text PRIMARY KEY, runs int NOT NULL, instance text NOT NULL, finished_at timestamptz NOT NULL)`,
    );
  }
  async down(): Promise<void> {}
}

/** Every call of the handler in this process, whichever app instance made it. */
const calls: { jobId: string; instance: string; startedAt: number; finishedAt?: number }[] = [];
let instance = '';
const startedWaiters = new Map<string, () => void>();

@Injectable()
class SlowJobHandler implements ConsumesEvents {
  readonly handlers = [
    on(JobRequestedV1, async (job, _meta, tx: EntityManager) => {
      const call: (typeof calls)[number] = { jobId: job.jobId, instance, startedAt: Date.now() };
      calls.push(call);
      startedWaiters.get(job.jobId)?.();
      await new Promise((r) => setTimeout(r, job.ms));
      // Not idempotent by itself: a second application would show as runs = 2.
      await tx.query(
        `INSERT INTO jobs (id, runs, instance, finished_at) VALUES ($1, 1, $2, now())
         ON CONFLICT (id) DO UPDATE SET runs = jobs.runs + 1`,
        [job.jobId, call.instance],
      );
      call.finishedAt = Date.now();
    }),
  ];
}

let db: ThrowawayDatabase;
let admin: Admin;
let producer: Producer;
let sql: pg.Client;

async function createApp(name: string): Promise<INestApplicationContext> {
  instance = name;
  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: db.url,
        migrations: [ShutdownTables1700000000001],
        migrationsRun: true,
        synchronize: false,
      }),
      MessagingModule.forRoot({
        service: 'shutdowntest',
        brokers: TEST_BROKERS,
        logger: testLogger(),
        groupId: GROUP,
        topics: { events: () => TOPIC, deadLetter: DLT },
        monitorIntervalMs: 500,
      }),
    ],
    providers: [SlowJobHandler],
  })
  class ShutdownTestModule {}
  const ctx = await NestFactory.createApplicationContext(ShutdownTestModule, {
    logger: ['error'],
    abortOnError: false,
  });
  await ctx.init();
  return ctx;
}

function started(jobId: string): Promise<void> {
  return new Promise((resolve) => startedWaiters.set(jobId, resolve));
}

async function requestJobs(jobs: Job[], key: string): Promise<{ offsets: string[]; eventIds: string[] }> {
  const records = jobs.map((data) =>
    encodeCloudEvent(newCloudEvent({ type: JobRequestedV1.type, source: '/test', subject: key, data }), key),
  );
  const [meta] = await producer.send({ topic: TOPIC, acks: -1, messages: records });
  const base = BigInt(meta!.baseOffset!);
  return {
    offsets: records.map((_, i) => String(base + BigInt(i))),
    eventIds: records.map((r) => r.headers.ce_id as string),
  };
}

async function jobRuns(): Promise<Map<string, number>> {
  const { rows } = await sql.query<{ id: string; runs: number }>(`SELECT id, runs FROM jobs`);
  return new Map(rows.map((r) => [r.id, r.runs]));
}

async function duplicatesSeen(): Promise<number> {
  const { values } = await messagingMetrics.consumed.get();
  return values
    .filter((v) => v.labels.type === JobRequestedV1.type && v.labels.outcome === 'duplicate')
    .reduce((n, v) => n + v.value, 0);
}

/**
 * Sends the app the shutdown signal the way the OS would deliver it to a Nest app with
 * enableShutdownHooks (on a signal of its own so that the test runner is not involved), and
 * resolves when Nest's handler has closed the app and would re-raise the signal.
 */
async function signalShutdown(app: INestApplicationContext): Promise<number> {
  app.enableShutdownHooks(['SIGUSR2']);
  const reRaised = new Promise<void>((resolve) => {
    const kill = jest.spyOn(process, 'kill').mockImplementation(((pid: number, signal?: string | number) => {
      if (pid === process.pid && signal === 'SIGUSR2') {
        kill.mockRestore();
        resolve();
      }
      return true;
    }) as typeof process.kill);
  });
  const before = Date.now();
  process.emit('SIGUSR2', 'SIGUSR2');
  await reRaised;
  return Date.now() - before;
}

beforeAll(async () => {
  const kafka = testKafka('shutdown-test');
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: TOPIC, numPartitions: 2, replicationFactor: 1 },
      { topic: DLT, numPartitions: 1, replicationFactor: 1 },
    ],
  });
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  db = await throwawayDatabase('shutdown');
  sql = new pg.Client({ connectionString: db.url });
});

afterAll(async () => {
  await sql?.end().catch(() => undefined);
  await producer?.disconnect();
  await admin?.deleteTopics({ topics: [TOPIC, DLT] }).catch(() => undefined);
  await admin?.disconnect();
  await db?.drop();
});

describe('graceful shutdown', () => {
  it('finishes the message in flight, commits its offset, and the next instance does not process it again', async () => {
    const first = await createApp('first');
    await sql.connect();
    const key = `shutdown-${run}`;
    const slowStarted = started('slow');
    // One slow job in flight when the signal comes, and three queued behind it on the same partition.
    const { offsets, eventIds } = await requestJobs(
      [
        { jobId: 'slow', ms: 2500 },
        { jobId: 'queued-1', ms: 0 },
        { jobId: 'queued-2', ms: 0 },
        { jobId: 'queued-3', ms: 0 },
      ],
      key,
    );
    await slowStarted;
    expect(first.get(MessagingRuntime).ready).toBe(true);

    const shutdownMs = await signalShutdown(first);

    // The shutdown waited for the handler, whose effect and inbox row committed.
    const slow = calls.find((c) => c.jobId === 'slow')!;
    expect(slow.instance).toBe('first');
    expect(slow.finishedAt).toBeDefined();
    expect(shutdownMs).toBeGreaterThanOrEqual(1500);
    expect((await jobRuns()).get('slow')).toBe(1);
    const inbox = await sql.query(`SELECT kafka_offset FROM inbox WHERE event_id = $1`, [eventIds[0]]);
    expect(inbox.rows).toEqual([{ kafka_offset: offsets[0] }]);

    // Its offset is committed: the group resumes after it (past whatever else the instance finished).
    const [committed] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
    const partitionOf = (
      await sql.query<{ kafka_partition: number }>(`SELECT kafka_partition FROM inbox WHERE event_id = $1`, [
        eventIds[0],
      ])
    ).rows[0]!.kafka_partition;
    const finishedByFirst = calls.filter((c) => c.instance === 'first' && c.finishedAt).length;
    expect(committed!.partitions.find((p) => p.partition === partitionOf)!.offset).toBe(
      String(BigInt(offsets[0]!) + BigInt(finishedByFirst)),
    );

    // A new instance of the service takes over the group and goes on from there.
    const second = await createApp('second');
    try {
      const { offsets: after } = await requestJobs([{ jobId: 'after-restart', ms: 0 }], key);
      await eventually(async () => (await jobRuns()).get('after-restart') === 1);
      const runs = await jobRuns();
      expect(Object.fromEntries(runs)).toEqual({
        slow: 1,
        'queued-1': 1,
        'queued-2': 1,
        'queued-3': 1,
        'after-restart': 1,
      });
      // Each handler ran once and no message was delivered again (a redelivery would count as a duplicate).
      expect(calls.map((c) => c.jobId).sort()).toEqual(['after-restart', 'queued-1', 'queued-2', 'queued-3', 'slow']);
      expect(await duplicatesSeen()).toBe(0);
      const inboxRows = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox WHERE topic = $1`, [
        TOPIC,
      ]);
      expect(inboxRows.rows[0]!.n).toBe(5);
      await eventually(async () => {
        const [now] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] });
        return now!.partitions.find((p) => p.partition === partitionOf)!.offset === String(BigInt(after[0]!) + 1n);
      });
    } finally {
      await second.close();
    }
  }, 90_000);
});
