import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Admin } from 'kafkajs';
import { pino } from 'pino';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineEvent } from '#contracts';
import { eventually, TEST_BROKERS, testKafka, testLogger, throwawayDatabase, type ThrowawayDatabase } from '#testing';
import { on, type ConsumesEvents } from './event-handler.js';
import { createMessagingTables } from './messaging-tables.js';
import { MessagingModule, MessagingRuntime } from './messaging.module.js';
import { OUTBOX_BACKLOG_SQL, parseBacklogRow } from './outbox-backlog.js';
import { OutboxPruner } from './outbox-pruner.js';

// Real Postgres (a throwaway database) and the real broker (KAFKA_BROKERS); the topics are this file's own.
const run = randomBytes(4).toString('hex');
const LIMITED = `test.pruning.${run}.cohorts.events`;
const UNLIMITED = `test.pruning.${run}.mentors.events`;
const DLT = `test.pruning.${run}.dead-letter`;

const CohortThingV1 = defineEvent('cohorts', 'TestPruneThing', 1, z.object({ x: z.number() }));
const MentorThingV1 = defineEvent('mentors', 'TestPruneThing', 1, z.object({ x: z.number() }));

class Tables1700000000000 implements MigrationInterface {
  name = 'Tables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q);
  }
  async down(): Promise<void> {}
}

@Injectable()
class Handlers implements ConsumesEvents {
  readonly handlers = [on(CohortThingV1, async () => undefined), on(MentorThingV1, async () => undefined)];
}

let db: ThrowawayDatabase;
let admin: Admin;
let app: INestApplicationContext;
let dataSource: DataSource;
const lines: Record<string, unknown>[] = [];

/**
 * Writes an outbox row created `createdAgo` hours ago and published `publishedAgo` hours ago, or
 * never (null). Its topic does not exist, so the running relay can never publish it: an unpublished
 * row stays unpublished.
 */
async function row(label: string, createdAgo: number, publishedAgo: number | null): Promise<void> {
  await dataSource.query(
    `INSERT INTO outbox (event_id, topic, message_key, event_type, envelope, created_at, published_at)
     VALUES ($1, 'x', $2, 't', '{}', now() - make_interval(hours => $3),
             CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(hours => $4::int) END)`,
    [randomUUID(), label, createdAgo, publishedAgo],
  );
}

const keys = async () =>
  ((await dataSource.query(`SELECT message_key FROM outbox ORDER BY id`)) as { message_key: string }[]).map(
    (r) => r.message_key,
  );

beforeAll(async () => {
  admin = testKafka().admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      // What a cluster's defaults give a topic made without settings: a week.
      { topic: LIMITED, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '604800000' }] },
      {
        topic: UNLIMITED,
        numPartitions: 1,
        configEntries: [
          { name: 'retention.ms', value: '-1' },
          { name: 'retention.bytes', value: '-1' },
        ],
      },
      { topic: DLT, numPartitions: 1 },
    ],
  });
  db = await throwawayDatabase('pruning');
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: db.url,
        migrations: [Tables1700000000000],
        migrationsRun: true,
        synchronize: false,
      }),
      MessagingModule.forRoot({
        service: 'prunetest',
        publishes: 'cohorts',
        brokers: TEST_BROKERS,
        logger,
        groupId: `test-pruning-${run}`,
        relayPollIntervalMs: 200,
        outboxRetentionHours: 24,
        outboxPruneIntervalMs: 300,
        topics: { events: (context) => (context === 'cohorts' ? LIMITED : UNLIMITED), deadLetter: DLT },
      }),
    ],
    providers: [Handlers],
  })
  class TestModule {}
  app = await NestFactory.createApplicationContext(TestModule, { logger: ['error'], abortOnError: false });
  await app.init();
  dataSource = app.get(DataSource);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await admin?.deleteTopics({ topics: [LIMITED, UNLIMITED, DLT] }).catch(() => undefined);
  await admin?.disconnect();
  await db?.drop();
});

describe('the events topics retention check at start-up', () => {
  it('warns about the consumed events topic that deletes events, not about the one that keeps them', async () => {
    const limited = await app.get(MessagingRuntime).retentionCheck;
    expect(limited).toEqual([{ topic: LIMITED, retentionMs: '604800000', retentionBytes: '-1' }]);
    const warnings = lines.filter((l) => l.level === 40 && typeof l.topic === 'string');
    expect(warnings.map((w) => w.topic)).toEqual([LIMITED]);
    expect(warnings[0]).toMatchObject({ component: 'messaging', retentionMs: '604800000', retentionBytes: '-1' });
    // The service started all the same.
    await eventually(() => app.get(MessagingRuntime).ready, { what: 'the messaging runtime ready' });
  });
});

describe('outbox pruning', () => {
  it('deletes published rows older than the retention, in batches, and keeps recent and unpublished ones', async () => {
    await dataSource.query(`DELETE FROM outbox`);
    for (let i = 0; i < 5; i++) await row(`old-published-${i}`, 200, 199);
    await row('recent-published', 2, 1);
    await row('just-inside', 30, 23);
    await row('old-unpublished', 500, null);
    const backlogBefore = parseBacklogRow(await dataSource.query(OUTBOX_BACKLOG_SQL));

    const pruner = new OutboxPruner({
      query: (sql, params) => dataSource.query(sql, params),
      logger: testLogger(),
      retentionHours: 24,
      batchSize: 2,
      intervalMs: 0,
    });
    await expect(pruner.prune()).resolves.toBe(5);
    expect(await keys()).toEqual(['recent-published', 'just-inside', 'old-unpublished']);
    // The backlog (unpublished rows, and the age of the oldest) is what it was.
    const backlogAfter = parseBacklogRow(await dataSource.query(OUTBOX_BACKLOG_SQL));
    expect(backlogBefore.rows).toBe(1);
    expect(backlogAfter.rows).toBe(1);
    expect(backlogAfter.oldestSeconds).toBeCloseTo(backlogBefore.oldestSeconds, -1);
    await expect(pruner.prune()).resolves.toBe(0);
  });

  it('runs by itself in the service beside the relay', async () => {
    await row('stale-published', 100, 99);
    await eventually(async () => !(await keys()).includes('stale-published'), {
      what: 'the runtime pruning the stale row',
    });
    expect(await keys()).toEqual(expect.arrayContaining(['recent-published', 'old-unpublished']));
  });
});
