import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Admin, Producer } from 'kafkajs';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineEvent } from '#contracts';
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
import { on, type ConsumesEvents } from './event-handler.js';
import { MessagingModule, MessagingRuntime } from './messaging.module.js';
import { createMessagingTables } from './messaging-tables.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options.js';
import { Outbox, outgoing } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';

// Real Postgres and a real Kafka broker; the topics are this file's own, created explicitly.
const run = randomBytes(4).toString('hex');
const TOPIC = `test.messaging.${run}.events`;
const DLT = `test.messaging.${run}.dead-letter`;

const NoteWrittenV1 = defineEvent(
  'cohorts',
  'TestNoteWritten',
  1,
  z.object({ noteId: z.string(), seq: z.number().int(), text: z.string() }),
);
const NoteWrittenV2 = defineEvent('cohorts', 'TestNoteWritten', 2, z.object({ noteId: z.string() }));
const OtherEventV1 = defineEvent('cohorts', 'TestSomethingElse', 1, z.object({ x: z.number() }));

class TestTables1700000000000 implements MigrationInterface {
  name = 'TestTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q);
    await q.query(`CREATE TABLE notes (id text PRIMARY KEY, applied int NOT NULL DEFAULT 0)`);
  }
  async down(): Promise<void> {}
}

/** A handler whose effect is not idempotent by itself: it counts applications. */
@Injectable()
class NoteHandler implements ConsumesEvents {
  readonly handlers = [
    on(NoteWrittenV1, async (data, _meta, tx: EntityManager) => {
      if (data.text === 'poison') throw new Error('this note can never be applied');
      await tx.query(
        `INSERT INTO notes (id, applied) VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET applied = notes.applied + 1`,
        [data.noteId],
      );
    }),
  ];
}

let db: ThrowawayDatabase;
let app: INestApplicationContext;
let dataSource: DataSource;
let outbox: Outbox;
let admin: Admin;
let producer: Producer;
let probe: KafkaProbe;

async function createApp(): Promise<INestApplicationContext> {
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
        service: 'msgtest',
        publishes: 'cohorts',
        brokers: TEST_BROKERS,
        logger: testLogger(),
        groupId: `test-messaging-${run}`,
        relayPollIntervalMs: 200,
        retryBackoffMs: 20,
        maxAttempts: 3,
        topics: { events: () => TOPIC, deadLetter: DLT },
      }),
    ],
    providers: [NoteHandler],
  })
  class TestModule {}
  const ctx = await NestFactory.createApplicationContext(TestModule, { logger: ['error'], abortOnError: false });
  await ctx.init();
  return ctx;
}

async function writeNotes(notes: { noteId: string; seq: number; text?: string }[]): Promise<void> {
  await dataSource.transaction(async (tx) => {
    await outbox.append(
      tx,
      notes.map((n) =>
        outgoing(NoteWrittenV1, n.noteId.split(':')[0]!, { noteId: n.noteId, seq: n.seq, text: n.text ?? 'hello' }),
      ),
    );
  });
}

async function applied(noteId: string): Promise<number> {
  const rows = (await dataSource.query(`SELECT applied FROM notes WHERE id = $1`, [noteId])) as { applied: number }[];
  return rows[0]?.applied ?? 0;
}

async function produceRaw(
  messages: { key: string; value: Buffer | null; headers: Record<string, string> }[],
): Promise<void> {
  await producer.send({ topic: TOPIC, acks: -1, messages });
}

beforeAll(async () => {
  const kafka = testKafka();
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: TOPIC, numPartitions: 3, replicationFactor: 1 },
      { topic: DLT, numPartitions: 1, replicationFactor: 1 },
    ],
  });
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  db = await throwawayDatabase('messaging');
  probe = await KafkaProbe.start([TOPIC, DLT]);
  app = await createApp();
  dataSource = app.get(DataSource);
  outbox = app.get(Outbox);
});

afterAll(async () => {
  await app?.close();
  await probe?.stop();
  await producer?.disconnect();
  await admin?.deleteTopics({ topics: [TOPIC, DLT] }).catch(() => undefined);
  await admin?.disconnect();
  await db?.drop();
});

describe('transactional outbox', () => {
  it('publishes a committed event to Kafka with the CloudEvents headers, keyed by the aggregate', async () => {
    const key = `agg-${randomUUID()}`;
    await writeNotes([{ noteId: `${key}:1`, seq: 1 }]);
    const [message] = await probe.waitFor((m) => m.topic === TOPIC && m.key === key);
    expect(message!.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'mentorflow.cohorts.TestNoteWritten.v1',
      ce_source: '/mentorflow/msgtest',
      ce_subject: key,
      'content-type': 'application/json',
    });
    expect(message!.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(message!.headers.ce_correlationid).toBeTruthy();
    expect(Number.isNaN(Date.parse(message!.headers.ce_time!))).toBe(false);
    expect(message!.json).toEqual({ noteId: `${key}:1`, seq: 1, text: 'hello' });
  });

  it('publishes nothing for a transaction that rolled back', async () => {
    const key = `rolled-${randomUUID()}`;
    const before = (await dataSource.query(`SELECT count(*)::int AS n FROM outbox`)) as { n: number }[];
    await expect(
      dataSource.transaction(async (tx) => {
        await outbox.append(tx, [outgoing(NoteWrittenV1, key, { noteId: `${key}:1`, seq: 1, text: 'never' })]);
        throw new Error('the command failed after writing its event');
      }),
    ).rejects.toThrow('the command failed');
    // A committed marker written afterwards proves the relay ran past the point where the rolled-back event would be.
    const marker = `marker-${randomUUID()}`;
    await writeNotes([{ noteId: `${marker}:1`, seq: 1 }]);
    await probe.waitFor((m) => m.key === marker);
    expect(probe.messages.filter((m) => m.key === key)).toHaveLength(0);
    const after = (await dataSource.query(`SELECT count(*)::int AS n FROM outbox`)) as { n: number }[];
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });

  it('refuses to write outside a transaction', async () => {
    await expect(
      outbox.append(dataSource.manager, [outgoing(NoteWrittenV1, 'x', { noteId: 'x', seq: 1, text: 't' })]),
    ).rejects.toThrow(/inside a transaction/);
  });

  it('keeps each key in order under concurrent writers and a second relay replica', async () => {
    const options = app.get<MessagingOptions>(MESSAGING_OPTIONS);
    const secondProducer = testKafka('second-relay').producer({ idempotent: true, maxInFlightRequests: 1 });
    await secondProducer.connect();
    const secondRelay = new OutboxRelay(dataSource, options, testLogger());
    await secondRelay.start(secondProducer);
    try {
      const keys = Array.from({ length: 6 }, () => `order-${randomUUID()}`);
      const perKey = 30;
      // Writers of one aggregate serialise (as a row lock on the aggregate would make them);
      // different aggregates write concurrently, sometimes several events per transaction.
      await Promise.all(
        keys.map(async (key) => {
          let seq = 1;
          while (seq <= perKey) {
            const batch = Math.min(1 + (seq % 3), perKey - seq + 1);
            await writeNotes(Array.from({ length: batch }, (_, i) => ({ noteId: `${key}:${seq + i}`, seq: seq + i })));
            seq += batch;
          }
        }),
      );
      for (const key of keys) {
        const got = await probe.waitFor((m) => m.topic === TOPIC && m.key === key, { count: perKey, timeoutMs: 30000 });
        const seqs = got.map((m) => (m.json as { seq: number }).seq);
        expect(seqs).toEqual(Array.from({ length: perKey }, (_, i) => i + 1));
      }
      // Rows are marked published after Kafka acknowledged them, so the probe may see the last ones first.
      await eventually(
        async () => {
          const unpublished = (await dataSource.query(
            `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`,
          )) as { n: number }[];
          return unpublished[0]!.n === 0;
        },
        { timeoutMs: 10000 },
      );
    } finally {
      await secondRelay.stop();
      await secondProducer.disconnect();
    }
  });
});

describe('idempotent consumer', () => {
  it('applies an event once even when it is delivered again', async () => {
    const noteId = `dup-${randomUUID()}`;
    const event = newCloudEvent({
      type: NoteWrittenV1.type,
      source: '/test',
      subject: noteId,
      data: { noteId, seq: 1, text: 'once' },
    });
    const record = encodeCloudEvent(event, noteId);
    await produceRaw([record]);
    await eventually(async () => (await applied(noteId)) === 1);
    await produceRaw([record, record]);
    // A later event on the same key is applied, so the two duplicates before it were processed too.
    const next = `${noteId}-next`;
    await produceRaw([
      encodeCloudEvent(
        newCloudEvent({
          type: NoteWrittenV1.type,
          source: '/test',
          subject: noteId,
          data: { noteId: next, seq: 2, text: 'x' },
        }),
        noteId,
      ),
    ]);
    await eventually(async () => (await applied(next)) === 1);
    expect(await applied(noteId)).toBe(1);
    const inbox = (await dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [event.id])) as {
      n: number;
    }[];
    expect(inbox[0]!.n).toBe(1);
  });

  it('dead-letters a poison message with the reason and where it came from, and goes on with the next', async () => {
    const key = `poison-${randomUUID()}`;
    const poison = encodeCloudEvent(
      newCloudEvent({
        type: NoteWrittenV1.type,
        source: '/test',
        subject: key,
        data: { noteId: `${key}:p`, seq: 1, text: 'poison' },
      }),
      key,
    );
    const good = encodeCloudEvent(
      newCloudEvent({
        type: NoteWrittenV1.type,
        source: '/test',
        subject: key,
        data: { noteId: `${key}:g`, seq: 2, text: 'fine' },
      }),
      key,
    );
    await produceRaw([poison, good]);
    const [dead] = await probe.waitFor((m) => m.topic === DLT && m.key === key);
    expect(dead!.headers['dlt-reason']).toMatch(/handler failed after 3 attempts: this note can never be applied/);
    expect(dead!.headers['dlt-original-topic']).toBe(TOPIC);
    expect(dead!.headers['dlt-original-partition']).toMatch(/^\d+$/);
    expect(dead!.headers['dlt-original-offset']).toMatch(/^\d+$/);
    expect(dead!.headers.ce_id).toBe(poison.headers.ce_id);
    await eventually(async () => (await applied(`${key}:g`)) === 1);
    expect(await applied(`${key}:p`)).toBe(0);
  });

  it('dead-letters malformed messages, invalid data and unknown versions, and ignores events it does not handle', async () => {
    const key = `bad-${randomUUID()}`;
    const unknownVersion = encodeCloudEvent(
      newCloudEvent({ type: NoteWrittenV2.type, source: '/test', subject: key, data: { noteId: key } }),
      key,
    );
    const invalid = encodeCloudEvent(
      newCloudEvent({ type: NoteWrittenV1.type, source: '/test', subject: key, data: { noteId: key, seq: 'one' } }),
      key,
    );
    const unrelated = encodeCloudEvent(
      newCloudEvent({ type: OtherEventV1.type, source: '/test', subject: key, data: { x: 1 } }),
      key,
    );
    const after = encodeCloudEvent(
      newCloudEvent({
        type: NoteWrittenV1.type,
        source: '/test',
        subject: key,
        data: { noteId: `${key}:after`, seq: 1, text: 'ok' },
      }),
      key,
    );
    await produceRaw([
      { key, value: Buffer.from('{"no":"headers"}'), headers: {} },
      unknownVersion,
      invalid,
      unrelated,
      after,
    ]);
    await eventually(async () => (await applied(`${key}:after`)) === 1);
    const dead = await probe.waitFor((m) => m.topic === DLT && m.key === key, { count: 3 });
    const reasons = dead.map((m) => m.headers['dlt-reason']).sort();
    expect(reasons[0]).toMatch(/^invalid data for mentorflow.cohorts.TestNoteWritten.v1: seq/);
    expect(reasons[1]).toMatch(/^malformed: missing CloudEvents header/);
    expect(reasons[2]).toMatch(/^unsupported version 2 of cohorts.TestNoteWritten/);
    expect(dead.some((m) => m.headers.ce_type === OtherEventV1.type)).toBe(false);
  });
});

describe('relay across a Kafka outage', () => {
  const kafkaScript = new URL('../../../infra/kafka/kafka.sh', import.meta.url).pathname;

  it('catches up after the broker was stopped and started again', async () => {
    execFileSync('bash', [kafkaScript, 'stop'], { stdio: 'ignore' });
    const key = `outage-${randomUUID()}`;
    try {
      // Commands keep committing while Kafka is down; their events wait in the outbox.
      await writeNotes([{ noteId: `${key}:1`, seq: 1 }]);
      await writeNotes([
        { noteId: `${key}:2`, seq: 2 },
        { noteId: `${key}:3`, seq: 3 },
      ]);
      await new Promise((r) => setTimeout(r, 2000));
      const waiting = (await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as {
        n: number;
      }[];
      expect(waiting[0]!.n).toBeGreaterThanOrEqual(3);
    } finally {
      execFileSync('bash', [kafkaScript, 'start'], { stdio: 'ignore' });
    }
    await eventually(async () => (await applied(`${key}:3`)) === 1, { timeoutMs: 90000 });
    const fresh = testKafka('outage-check').consumer({ groupId: `outage-${run}` });
    const seen: number[] = [];
    await fresh.connect();
    await fresh.subscribe({ topic: TOPIC, fromBeginning: true });
    await fresh.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === key) seen.push((JSON.parse(message.value!.toString()) as { seq: number }).seq);
      },
    });
    await eventually(async () => seen.length >= 3, { timeoutMs: 30000 });
    await fresh.disconnect();
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);
    expect(await applied(`${key}:1`)).toBe(1);
    expect(app.get(MessagingRuntime).ready).toBe(true);
  }, 150000);
});
