import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Admin } from 'kafkajs';
import pg from 'pg';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KafkaProbe, TEST_BROKERS, testKafka, testLogger, throwawayDatabase, type ThrowawayDatabase } from '#testing';
import { newCloudEvent } from './cloud-event.js';
import { MessagingModule } from './messaging.module.js';
import { createMessagingTables } from './messaging-tables.js';

// The relay publishes through a connection of its own: a service whose pool is entirely held (by
// requests waiting on row locks, say) still gets its committed events to Kafka at once.
const run = randomBytes(4).toString('hex');
const TOPIC = `test.relayconn.${run}.events`;
const POOL_SIZE = 2;
const HOLD_MS = 4000;

class RelayTables1700000000002 implements MigrationInterface {
  name = 'RelayTables1700000000002';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q);
  }
  async down(): Promise<void> {}
}

let db: ThrowawayDatabase;
let admin: Admin;
let app: INestApplicationContext;
let probe: KafkaProbe;

beforeAll(async () => {
  admin = testKafka('relayconn-test').admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 1 }],
  });
  db = await throwawayDatabase('relayconn');
  probe = await KafkaProbe.start([TOPIC]);
  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: db.url,
        migrations: [RelayTables1700000000002],
        migrationsRun: true,
        synchronize: false,
        extra: { max: POOL_SIZE },
      }),
      MessagingModule.forRoot({
        service: 'relayconntest',
        publishes: 'cohorts',
        brokers: TEST_BROKERS,
        logger: testLogger(),
        groupId: `test-relayconn-${run}`,
        // Only NOTIFY can wake the relay within the test's time.
        relayPollIntervalMs: 60_000,
        topics: { events: () => TOPIC, deadLetter: `${TOPIC}.dlt` },
      }),
    ],
  })
  class RelayConnectionTestModule {}
  app = await NestFactory.createApplicationContext(RelayConnectionTestModule, {
    logger: ['error'],
    abortOnError: false,
  });
  await app.init();
});

afterAll(async () => {
  await app?.close();
  await probe?.stop();
  await admin?.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
  await admin?.disconnect();
  await db?.drop();
});

describe('outbox relay connection', () => {
  it("publishes a committed event at once while every connection of the service's pool is held", async () => {
    const dataSource = app.get(DataSource);
    // Every connection of the application's pool busy for HOLD_MS.
    const held = Array.from({ length: POOL_SIZE }, () => dataSource.query(`SELECT pg_sleep(${HOLD_MS / 1000})`));
    await new Promise((r) => setTimeout(r, 200));

    // A command commits its event (from another connection: this replica's pool has none free).
    const key = `held-${randomUUID()}`;
    const event = newCloudEvent({
      type: 'mentorflow.cohorts.TestHeld.v1',
      source: '/test',
      subject: key,
      data: { ok: true },
    });
    const writer = new pg.Client({ connectionString: db.url });
    await writer.connect();
    const committedAt = Date.now();
    try {
      await writer.query(
        `INSERT INTO outbox (event_id, topic, message_key, event_type, envelope) VALUES ($1, $2, $3, $4, $5)`,
        [event.id, TOPIC, key, event.type, JSON.stringify(event)],
      );
    } finally {
      await writer.end();
    }

    await probe.waitFor((m) => m.key === key, { timeoutMs: HOLD_MS * 3 });
    const took = Date.now() - committedAt;
    await Promise.all(held);
    expect(took).toBeLessThan(HOLD_MS / 2);
  });
});
