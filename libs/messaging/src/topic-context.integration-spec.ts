import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Admin, Producer } from 'kafkajs';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineEvent, type Context } from '#contracts';
import {
  eventually,
  KafkaProbe,
  TEST_BROKERS,
  testKafka,
  testLogger,
  throwawayDatabase,
  type ThrowawayDatabase,
} from '#testing';
import { encodeCloudEvent, newCloudEvent } from './cloud-event.js';
import { on, type ConsumesEvents, type EventMeta } from './event-handler.js';
import { MessagingModule } from './messaging.module.js';
import { createMessagingTables } from './messaging-tables.js';

// Real Postgres and Kafka: one events topic per context (this file's own), as in production,
// and a consumer that handles a mentors event and a cohorts event. Whoever can produce to the
// cohorts topic must not be able to pass off a mentors event there.
const run = randomBytes(4).toString('hex');
const topicOf = (context: Context): string => `test.topic-context.${run}.${context}.events`;
const DLT = `test.topic-context.${run}.dead-letter`;

const MentorAssignedV1 = defineEvent(
  'mentors',
  'MentorAssigned',
  1,
  z.object({ mentorId: z.string(), internId: z.string() }),
);
const CohortOpenedV1 = defineEvent('cohorts', 'TestCohortOpened', 1, z.object({ cohortId: z.string() }));

class TestTables1700000000000 implements MigrationInterface {
  name = 'TestTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q);
    await q.query(`CREATE TABLE applied (event_id uuid PRIMARY KEY, type text NOT NULL, subject text NOT NULL)`);
  }
  async down(): Promise<void> {}
}

@Injectable()
class RecordingHandler implements ConsumesEvents {
  readonly handlers = [MentorAssignedV1, CohortOpenedV1].map((contract) => on(contract, this.record));

  private async record(_data: unknown, event: EventMeta, tx: EntityManager): Promise<void> {
    await tx.query(`INSERT INTO applied (event_id, type, subject) VALUES ($1, $2, $3)`, [
      event.id,
      event.type,
      event.subject,
    ]);
  }
}

let db: ThrowawayDatabase;
let app: INestApplicationContext;
let dataSource: DataSource;
let admin: Admin;
let producer: Producer;
let probe: KafkaProbe;

async function appliedTypes(subject: string): Promise<string[]> {
  const rows = (await dataSource.query(`SELECT type FROM applied WHERE subject = $1 ORDER BY type`, [subject])) as {
    type: string;
  }[];
  return rows.map((r) => r.type);
}

beforeAll(async () => {
  const kafka = testKafka('topic-context-test');
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [topicOf('cohorts'), topicOf('mentors'), DLT].map((topic) => ({
      topic,
      numPartitions: 1,
      replicationFactor: 1,
    })),
  });
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  db = await throwawayDatabase('topic_context');
  probe = await KafkaProbe.start([DLT]);

  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: db.url,
        migrations: [TestTables1700000000000],
        migrationsRun: true,
        synchronize: false,
      }),
      MessagingModule.forRoot({
        service: 'topic-context-test',
        brokers: TEST_BROKERS,
        logger: testLogger(),
        groupId: `test-topic-context-${run}`,
        monitorIntervalMs: 0,
        topics: { events: topicOf, deadLetter: DLT },
      }),
    ],
    providers: [RecordingHandler],
  })
  class TestModule {}
  app = await NestFactory.createApplicationContext(TestModule, { logger: ['error'], abortOnError: false });
  await app.init();
  dataSource = app.get(DataSource);
});

afterAll(async () => {
  await app?.close();
  await probe?.stop();
  await producer?.disconnect();
  await admin?.deleteTopics({ topics: [topicOf('cohorts'), topicOf('mentors'), DLT] }).catch(() => undefined);
  await admin?.disconnect();
  await db?.drop();
});

describe('a consumer against the real broker', () => {
  it('dead-letters a mentors event produced to the cohorts topic, with that reason, and applies the genuine ones', async () => {
    const subject = `intern-${randomUUID()}`;
    const record = (type: string, data: unknown) =>
      encodeCloudEvent(newCloudEvent({ type, source: '/mentorflow/mentors', subject, data }), subject);
    const forged = record(MentorAssignedV1.type, { mentorId: 'attacker', internId: subject });
    // The forgery first, then a genuine event after it on the same topic and partition: once
    // that one is applied, the forgery has been processed.
    await producer.send({
      topic: topicOf('cohorts'),
      acks: -1,
      messages: [forged, record(CohortOpenedV1.type, { cohortId: 'c-1' })],
    });
    await producer.send({
      topic: topicOf('mentors'),
      acks: -1,
      messages: [record(MentorAssignedV1.type, { mentorId: 'm-1', internId: subject })],
    });

    const [dead] = await probe.waitFor((m) => m.topic === DLT && m.key === subject);
    expect(dead!.headers['dlt-reason']).toBe(
      `event type mentorflow.mentors.MentorAssigned.v1 does not belong to topic ${topicOf('cohorts')}: context mentors, the topic is for cohorts`,
    );
    expect(dead!.headers['dlt-original-topic']).toBe(topicOf('cohorts'));
    expect(dead!.headers.ce_id).toBe(forged.headers.ce_id);
    expect(dead!.json).toEqual({ mentorId: 'attacker', internId: subject });

    await eventually(async () => (await appliedTypes(subject)).length === 2, { timeoutMs: 20_000 });
    expect(await appliedTypes(subject)).toEqual([CohortOpenedV1.type, MentorAssignedV1.type]);
    const forgedRows = (await dataSource.query(`SELECT count(*)::int AS n FROM applied WHERE event_id = $1`, [
      forged.headers.ce_id,
    ])) as { n: number }[];
    expect(forgedRows[0]!.n).toBe(0);
    const inbox = (await dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [
      forged.headers.ce_id,
    ])) as { n: number }[];
    expect(inbox[0]!.n).toBe(0);
    // Exactly one dead letter: the genuine events went through.
    expect((await probe.collectFor((m) => m.topic === DLT && m.key === subject, 500)).length).toBe(1);
  });
});
