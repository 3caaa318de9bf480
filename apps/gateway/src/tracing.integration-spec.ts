import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventsTopic } from '#contracts';
import { startTracing, type Tracing } from '#platform';
import {
  eventually,
  expectLabelled,
  signTestToken,
  startService,
  testLogger,
  throwawayDatabase,
  type ServiceHarness,
  type ThrowawayDatabase,
  startGroupAtEnd,
  TEST_BROKERS,
  testKafka,
} from '#testing';
import { AppModule as CohortsModule } from '../../cohorts/src/app.module.js';
import { cohortsConfigSchema } from '../../cohorts/src/config.js';
import { startGateway } from './bootstrap.js';
import { notificationsEndpoint, type SubgraphEndpoint } from './config.js';
import { startNotifications, type NotificationsRuntime } from './notifications/start-notifications.js';
import { testGatewayConfig } from './testing/gateway-config.js';

// One `enrollIntern`, followed by OpenTelemetry from the caller to a consumer of its event in
// another service: the gateway, the cohorts service and the gateway's notifications subgraph
// (which consumes InternEnrolled) in process, against the real Postgres and Kafka, their spans in
// an in-memory exporter. Every hop must be in ONE trace, the caller's, each span the child of the
// hop before it: gateway request → subgraph fetch → cohorts request → command → outbox (`create`)
// → relay (`send`) and the consumer's `process`, whose parent came through Kafka as the event's
// CloudEvents `traceparent`. (Nest's code-first GraphQL keeps its types per process, so two
// services that both define `Intern` cannot share one; mentors, scoping and evaluations consume
// through the same EventConsumer, see libs/messaging/src/tracing.integration-spec.ts.)

const INTERN_ENROLLED = 'mentorflow.cohorts.InternEnrolled.v1';
const COHORTS_TOPIC = eventsTopic('cohorts');
const run = randomBytes(4).toString('hex');

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
const services: Record<string, ServiceHarness> = {};
let gateway: NestFastifyApplication | undefined;
let notifications: NotificationsRuntime | undefined;
let notificationsDb: ThrowawayDatabase | undefined;
const notificationsGroup = `gateway-trace-it-${run}`;
let gatewayUrl: string;
let pm: string;

async function listen(svc: ServiceHarness): Promise<string> {
  await svc.http.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(svc.http.server.address() as AddressInfo).port}/graphql`;
}

async function graphql(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${pm}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
}

beforeAll(async () => {
  // Started before the apps, as `runProcess` does: their requests and consumers are traced.
  tracing = startTracing({ serviceName: 'mentorflow-trace-it', spanProcessors: [new SimpleSpanProcessor(exporter)] });
  pm = await signTestToken({ sub: `pm-trace-${run}`, roles: ['PROGRAM_MANAGER'] });
  services.cohorts = await startService({
    service: 'cohorts',
    name: 'cohorts_trace',
    configSchema: cohortsConfigSchema,
    module: (config, logger) => CohortsModule.forRoot(config, logger),
    env: { CLOCK_TICK_MS: '0' },
  });
  const endpoints: SubgraphEndpoint[] = [];
  for (const [name, svc] of Object.entries(services)) endpoints.push({ name, url: await listen(svc) });

  notificationsDb = await throwawayDatabase('gateway_trace');
  await startGroupAtEnd(notificationsGroup, [COHORTS_TOPIC]);
  const config = testGatewayConfig({
    DATABASE_URL: notificationsDb.serverUrl,
    DATABASE_NAME: notificationsDb.name,
    KAFKA_BROKERS: TEST_BROKERS.join(','),
    KAFKA_GROUP_ID: notificationsGroup,
    NOTIFICATIONS_PORT: '4605',
  });
  notifications = await startNotifications(config, testLogger());
  endpoints.push(notificationsEndpoint(config));
  gateway = await startGateway(config, testLogger(), endpoints, {
    live: notifications.live,
    idempotency: notifications.idempotency,
  });
  gatewayUrl = `${await gateway.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
}, 240_000);

afterAll(async () => {
  await gateway?.close();
  await notifications?.close();
  for (const svc of Object.values(services)) await svc.stop();
  if (notificationsDb) {
    const admin = testKafka(`gateway-trace-it-admin`).admin();
    await admin.connect();
    await admin.deleteGroups([notificationsGroup]).catch(() => undefined);
    await admin.disconnect();
    await notificationsDb.drop();
  }
  await tracing?.shutdown();
}, 120_000);

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

describe('one trace for enrollIntern, from the caller to the consumers of its event', () => {
  it('follows the caller traceparent through the gateway, cohorts, the outbox, the relay, Kafka and the notifications consumer of InternEnrolled', async () => {
    const scheduled = await graphql(
      `
        mutation ($input: ScheduleCohortInput!) {
          scheduleCohort(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          name: `Traced ${run}`,
          startDate: '2027-06-07',
          weeks: 12,
          timezone: 'Europe/Berlin',
          location: 'Berlin',
          workMode: 'HYBRID',
          capacity: 5,
        },
      },
    );
    expect(scheduled.errors).toBeUndefined();
    const cohortId = scheduled.data!.scheduleCohort!.id;

    // The caller's own span: the whole enrollment must continue its trace.
    const traceId = hex(16);
    const callerSpanId = hex(8);
    const internId = `intern-trace-${run}`;
    const enrolled = await graphql(
      `
        mutation Enroll($input: EnrollInternInput!) {
          enrollIntern(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          cohortId,
          internId,
          name: `Intern ${internId}`,
          email: `${internId}@example.edu`,
          university: 'TU Berlin',
          degreeLevel: 'MASTERS',
          focusAreas: ['ranking'],
          timezone: 'Europe/Berlin',
        },
      },
      { traceparent: `00-${traceId}-${callerSpanId}-01` },
    );
    expect(enrolled.errors).toBeUndefined();

    const groups = { notifications: notificationsGroup };
    const processSpan = (spans: ReadableSpan[], group: string) =>
      spans.find(
        (s) =>
          s.kind === SpanKind.CONSUMER &&
          s.attributes['messaging.consumer.group.name'] === group &&
          s.attributes['cloudevents.event_type'] === INTERN_ENROLLED,
      );
    const spans = await eventually(
      async () => {
        const finished = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
        return Object.values(groups).every((g) => processSpan(finished, g)) ? finished : undefined;
      },
      { timeoutMs: 30_000, what: 'a process span of InternEnrolled in every consumer group, in the caller trace' },
    );

    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    const one = (what: string, match: (s: ReadableSpan) => boolean): ReadableSpan => {
      const found = spans.filter(match);
      expectLabelled(found.length, what).toBe(1);
      return found[0]!;
    };

    // The gateway: its request continues the caller's span, named after the operation.
    const gatewayRequest = one('gateway request', (s) => s.kind === SpanKind.SERVER && parentOf(s) === callerSpanId);
    expect(gatewayRequest.name).toBe('mutation Enroll');
    expect(gatewayRequest.attributes).toMatchObject({
      'http.route': '/graphql',
      'http.response.status_code': 200,
      'graphql.operation.type': 'mutation',
      'graphql.operation.name': 'Enroll',
    });
    // Its fetch of the cohorts subgraph, which sent the client span's traceparent along.
    const subgraphFetch = one('subgraph fetch', (s) => s.kind === SpanKind.CLIENT);
    expect(subgraphFetch.name).toBe('POST cohorts');
    expect(parentOf(subgraphFetch)).toBe(gatewayRequest.spanContext().spanId);
    const cohortsRequest = one('cohorts request', (s) => s.kind === SpanKind.SERVER && s !== gatewayRequest);
    expect(parentOf(cohortsRequest)).toBe(subgraphFetch.spanContext().spanId);
    // Named as the gateway names the operation it sends (`mutation Query_enrollIntern`).
    expect(cohortsRequest.name).toMatch(/^mutation \w*enrollIntern$/);
    // The command, and the event it wrote to the outbox.
    const command = one('command', (s) => s.name === 'command EnrollInternCommand');
    expect(parentOf(command)).toBe(cohortsRequest.spanContext().spanId);
    const create = one(
      'outbox create',
      (s) =>
        s.attributes['messaging.operation.type'] === 'create' &&
        s.attributes['cloudevents.event_type'] === INTERN_ENROLLED,
    );
    expect(create.kind).toBe(SpanKind.PRODUCER);
    expect(parentOf(create)).toBe(command.spanContext().spanId);
    const eventId = create.attributes['cloudevents.event_id'];
    // The relay's send to Kafka, a child of the event's context read back from the outbox.
    const send = one(
      'relay send',
      (s) => s.attributes['messaging.operation.type'] === 'send' && s.attributes['cloudevents.event_id'] === eventId,
    );
    expect(send.kind).toBe(SpanKind.PRODUCER);
    expect(parentOf(send)).toBe(create.spanContext().spanId);
    expect(send.name).toBe(`send ${COHORTS_TOPIC}`);
    // Every consumer: a child of the event's traceparent as it came through Kafka, linked to the send.
    for (const [service, group] of Object.entries(groups)) {
      const processed = processSpan(spans, group)!;
      expectLabelled(parentOf(processed), service).toBe(create.spanContext().spanId);
      expectLabelled(processed.attributes['cloudevents.event_id'], service).toBe(eventId);
      expectLabelled(processed.attributes['mentorflow.consumer.outcome'], service).toBe('applied');
      expectLabelled(
        processed.links.map((l) => l.context.spanId),
        service,
      ).toEqual([send.spanContext().spanId]);
      // The hops in time order: written, sent, then handled.
      expectLabelled(toMillis(processed.startTime) >= toMillis(send.startTime), service).toBe(true);
    }
    expect(toMillis(send.startTime) >= toMillis(create.endTime)).toBe(true);
  });
});

const toMillis = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;
