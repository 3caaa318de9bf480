import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import type { Admin, Producer } from 'kafkajs';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineEvent } from '#contracts';
import { startTracing, TRACER_NAME, type Tracing } from '#platform';
import {
  eventually,
  expectLabelled,
  KafkaProbe,
  TEST_BROKERS,
  testKafka,
  testLogger,
  throwawayDatabase,
  type ThrowawayDatabase,
} from '#testing';
import { encodeCloudEvent, newCloudEvent } from './cloud-event.js';
import { on, type ConsumesEvents } from './event-handler.js';
import { MessagingModule } from './messaging.module.js';
import { createMessagingTables } from './messaging-tables.js';
import { Outbox, outgoing } from './outbox.js';

// The trace of an event across Kafka, with the real Postgres and broker and two consuming
// services (their own databases and consumer groups, as in production): the outbox writes the
// creating span's W3C context into the CloudEvent, the relay sends it as `ce_traceparent`, and
// every consumer's `process` span continues it; an event a handler writes continues it further.

const run = randomBytes(4).toString('hex');
const TOPIC = `test.tracing.${run}.events`;
const DLT = `test.tracing.${run}.dead-letter`;

const NoteWrittenV1 = defineEvent('cohorts', 'TestNoteWritten', 1, z.object({ noteId: z.string() }));
const NoteEchoedV1 = defineEvent('cohorts', 'TestNoteEchoed', 1, z.object({ noteId: z.string() }));
/** Handled by neither service: skipped, without a span. */
const NoteFiledV1 = defineEvent('cohorts', 'TestNoteFiled', 1, z.object({ noteId: z.string() }));

class TestTables1700000000000 implements MigrationInterface {
  name = 'TestTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q);
    await q.query(`CREATE TABLE notes (id text PRIMARY KEY)`);
  }
  async down(): Promise<void> {}
}

/** Records each note; the first service also answers each with an echo event, from its handler's transaction. */
function noteHandler(echo: boolean) {
  @Injectable()
  class NoteHandler implements ConsumesEvents {
    constructor(private readonly outbox: Outbox) {}
    readonly handlers = [
      on(NoteWrittenV1, async (data, _meta, tx: EntityManager) => {
        await tx.query(`INSERT INTO notes (id) VALUES ($1)`, [data.noteId]);
        if (echo) await this.outbox.append(tx, [outgoing(NoteEchoedV1, data.noteId, { noteId: data.noteId })]);
      }),
      on(NoteEchoedV1, async (data, _meta, tx: EntityManager) => {
        await tx.query(`INSERT INTO notes (id) VALUES ($1)`, [`echo:${data.noteId}`]);
      }),
    ];
  }
  return NoteHandler;
}

interface TestService {
  app: INestApplicationContext;
  db: ThrowawayDatabase;
  group: string;
}

async function startTestService(name: string, echo: boolean): Promise<TestService> {
  const db = await throwawayDatabase(`tracing_${name}`);
  const group = `test-tracing-${name}-${run}`;
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
        service: name,
        publishes: 'cohorts',
        brokers: TEST_BROKERS,
        logger: testLogger(),
        groupId: group,
        relayPollIntervalMs: 200,
        retryBackoffMs: 20,
        topics: { events: () => TOPIC, deadLetter: DLT },
      }),
    ],
    providers: [noteHandler(echo)],
  })
  class TestModule {}
  const app = await NestFactory.createApplicationContext(TestModule, { logger: ['error'], abortOnError: false });
  await app.init();
  return { app, db, group };
}

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let admin: Admin;
let producer: Producer;
let probe: KafkaProbe;
let writer: TestService;
let reader: TestService;

beforeAll(async () => {
  tracing = startTracing({ serviceName: 'tracing-it', spanProcessors: [new SimpleSpanProcessor(exporter)] });
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
  probe = await KafkaProbe.start([TOPIC]);
  writer = await startTestService('writer', true);
  reader = await startTestService('reader', false);
}, 120_000);

afterAll(async () => {
  for (const svc of [writer, reader]) {
    await svc?.app.close();
    await svc?.db.drop();
  }
  await probe?.stop();
  await producer?.disconnect();
  await admin?.deleteGroups([writer?.group, reader?.group].filter(Boolean) as string[]).catch(() => undefined);
  await admin?.deleteTopics({ topics: [TOPIC, DLT] }).catch(() => undefined);
  await admin?.disconnect();
  await tracing?.shutdown();
}, 60_000);

const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const processSpan = (spans: ReadableSpan[], group: string, type: string) =>
  spans.find(
    (s) =>
      s.kind === SpanKind.CONSUMER &&
      s.attributes['messaging.consumer.group.name'] === group &&
      s.attributes['cloudevents.event_type'] === type,
  );

/** Writes a note (after a filing when asked) from a command's span, as a subgraph's command does. */
async function writeNoteInCommand(noteId: string, filed = false): Promise<{ traceId: string; commandSpanId: string }> {
  const dataSource = writer.app.get(DataSource);
  const outbox = writer.app.get(Outbox);
  return trace.getTracer(TRACER_NAME).startActiveSpan('command WriteNote', async (span) => {
    await dataSource.transaction((tx) =>
      outbox.append(tx, [
        ...(filed ? [outgoing(NoteFiledV1, noteId, { noteId })] : []),
        outgoing(NoteWrittenV1, noteId, { noteId }),
      ]),
    );
    span.end();
    return { traceId: span.spanContext().traceId, commandSpanId: span.spanContext().spanId };
  });
}

describe('an event continues the trace of the command that wrote it', () => {
  it('carries the create span as ce_traceparent through Kafka to every consumer, and on to the events they write', async () => {
    const noteId = `note-${randomUUID()}`;
    const { traceId, commandSpanId } = await writeNoteInCommand(noteId);

    const spans = await eventually(
      async () => {
        const found = spansOf(traceId);
        return processSpan(found, writer.group, NoteWrittenV1.type) &&
          processSpan(found, reader.group, NoteWrittenV1.type) &&
          processSpan(found, reader.group, NoteEchoedV1.type) &&
          processSpan(found, writer.group, NoteEchoedV1.type)
          ? found
          : undefined;
      },
      { timeoutMs: 30_000, what: 'both services processing the note and its echo, in the command trace' },
    );
    const creates = spans.filter((s) => s.attributes['messaging.operation.type'] === 'create');
    const create = creates.find((s) => s.attributes['cloudevents.event_type'] === NoteWrittenV1.type)!;
    expect(parentOf(create)).toBe(commandSpanId);
    expect(create.name).toBe(`create ${TOPIC}`);
    const sends = spans.filter((s) => s.attributes['messaging.operation.type'] === 'send');
    const send = sends.find((s) => s.attributes['cloudevents.event_type'] === NoteWrittenV1.type)!;
    expect(parentOf(send)).toBe(create.spanContext().spanId);
    expect(send.attributes['mentorflow.outbox.wait_ms']).toEqual(expect.any(Number));

    // On the wire: the event's traceparent (the create span), and the send span's beside it.
    const [message] = await probe.waitFor((m) => m.key === noteId && m.headers.ce_type === NoteWrittenV1.type);
    expect(message!.headers.ce_traceparent).toBe(`00-${traceId}-${create.spanContext().spanId}-01`);
    expect(message!.headers.traceparent).toBe(`00-${traceId}-${send.spanContext().spanId}-01`);

    for (const group of [writer.group, reader.group]) {
      const processed = processSpan(spans, group, NoteWrittenV1.type)!;
      expectLabelled(parentOf(processed), group).toBe(create.spanContext().spanId);
      expectLabelled(
        processed.links.map((l) => l.context.spanId),
        group,
      ).toEqual([send.spanContext().spanId]);
      expectLabelled(processed.attributes['mentorflow.consumer.outcome'], group).toBe('applied');
    }
    // The echo, written by the writer's handler: created inside its process span, consumed by both.
    const writerProcess = processSpan(spans, writer.group, NoteWrittenV1.type)!;
    const echoCreate = creates.find((s) => s.attributes['cloudevents.event_type'] === NoteEchoedV1.type)!;
    expect(parentOf(echoCreate)).toBe(writerProcess.spanContext().spanId);
    for (const group of [writer.group, reader.group]) {
      expectLabelled(parentOf(processSpan(spans, group, NoteEchoedV1.type)!), group).toBe(
        echoCreate.spanContext().spanId,
      );
    }
  });

  it('gives no process span to an event a service skips (of no interest to it)', async () => {
    const noteId = `filed-${randomUUID()}`;
    // The filing and the note share a key, so a partition: once the note is processed, so is the filing.
    const { traceId } = await writeNoteInCommand(noteId, true);
    const spans = await eventually(
      async () => {
        const found = spansOf(traceId);
        return processSpan(found, writer.group, NoteWrittenV1.type) &&
          processSpan(found, reader.group, NoteWrittenV1.type)
          ? found
          : undefined;
      },
      { timeoutMs: 30_000, what: 'both services processing the note sent after the filing' },
    );
    const filed = spans.filter((s) => s.attributes['cloudevents.event_type'] === NoteFiledV1.type);
    expect(filed.map((s) => s.attributes['messaging.operation.type']).sort()).toEqual(['create', 'send']);
  });

  it('applies an event whose ce_traceparent is not valid, in a trace of its own', async () => {
    const noteId = `bad-trace-${randomUUID()}`;
    const event = newCloudEvent({
      type: NoteWrittenV1.type,
      source: '/mentorflow/cohorts',
      subject: noteId,
      data: { noteId },
    });
    const record = encodeCloudEvent(event, noteId);
    record.headers.ce_traceparent = `00-${'0'.repeat(32)}-${'1'.repeat(16)}-01`;
    await producer.send({ topic: TOPIC, acks: -1, messages: [record] });
    const processed = await eventually(
      async () =>
        exporter
          .getFinishedSpans()
          .find(
            (s) =>
              s.kind === SpanKind.CONSUMER &&
              s.attributes['cloudevents.event_id'] === event.id &&
              s.attributes['messaging.consumer.group.name'] === reader.group,
          ),
      { timeoutMs: 30_000, what: 'the reader processing the event with a broken traceparent' },
    );
    expect(processed.attributes['mentorflow.consumer.outcome']).toBe('applied');
    expect(processed.parentSpanContext).toBeUndefined();
    expect(processed.spanContext().traceId).not.toBe('0'.repeat(32));
  });
});
