import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, expectLabelled, signTestToken } from '#testing';
import { dropDatabase, ensureInfra, REPO } from '../../scripts/lib/infra.js';
import { SERVICES, startSystem, type RunningSystem } from '../../scripts/lib/services.js';

// OpenTelemetry across processes: a system of its own (every app from dist/, as npm start runs them,
// on ports 4600–4605) exporting over OTLP/HTTP to a collector in this test
// (OTEL_EXPORTER_OTLP_ENDPOINT). One `enrollIntern` sent with the caller's traceparent is ONE trace
// in every app: the gateway's request and subgraph fetch, the cohorts request, command, outbox
// `create` and relay `send`, and the `process` span of each consumer of InternEnrolled (mentors,
// scoping, evaluations, the gateway's notifications), each exported under its own service.name.

const PREFIX = 'mentorflow_tr';
const INTERN_ENROLLED = 'mentorflow.cohorts.InternEnrolled.v1';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: OtlpValue }[];
}

const received: OtlpSpan[] = [];
let collector: Server;
let system: RunningSystem;
let env: { KAFKA_BROKERS: string; DATABASE_URL: string };

/** OTLP/JSON ids are hex (the spec's JSON mapping); some encoders send base64: both read as hex. */
const hexId = (id: string, bytes: number) => (id.length === bytes * 2 ? id : Buffer.from(id, 'base64').toString('hex'));

function startCollector(): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const json = JSON.parse(body) as {
        resourceSpans?: {
          resource: { attributes: { key: string; value: OtlpValue }[] };
          scopeSpans: { spans: Omit<OtlpSpan, 'service'>[] }[];
        }[];
      };
      for (const rs of json.resourceSpans ?? []) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const scope of rs.scopeSpans) {
          for (const s of scope.spans) {
            received.push({
              ...s,
              service,
              traceId: hexId(s.traceId, 16),
              spanId: hexId(s.spanId, 8),
              parentSpanId: s.parentSpanId ? hexId(s.parentSpanId, 8) : undefined,
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const attribute = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value.stringValue;

beforeAll(async () => {
  env = await ensureInfra({ log: () => undefined });
  collector = await startCollector();
  for (const s of [...SERVICES, 'gateway']) await dropDatabase(env.DATABASE_URL, `${PREFIX}_${s}`);
  system = await startSystem({
    env: {
      ...env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      CLOCK_TICK_MS: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
    },
    basePort: 4600,
    databasePrefix: PREFIX,
    groupSuffix: 'tr',
    logDir: path.join(REPO, '.data', 'tracing-logs'),
    log: () => undefined,
  });
}, 180_000);

afterAll(async () => {
  await system?.stop();
  collector?.close();
  if (env) for (const s of [...SERVICES, 'gateway']) await dropDatabase(env.DATABASE_URL, `${PREFIX}_${s}`);
}, 60_000);

describe('one enrollIntern, one trace across every process', () => {
  it('is exported over OTLP by the gateway, cohorts and every consumer of InternEnrolled, in the caller trace', async () => {
    const pm = await signTestToken({ sub: 'pm-tracing', roles: ['PROGRAM_MANAGER'] });
    const gql = async (query: string, variables: unknown, headers: Record<string, string> = {}) =>
      (await (
        await fetch(system.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${pm}`, ...headers },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
    const cohort = await gql('mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }', {
      input: {
        name: `Traced ${randomBytes(3).toString('hex')}`,
        startDate: '2027-06-07',
        weeks: 12,
        timezone: 'Europe/Berlin',
        location: 'Berlin',
        workMode: 'HYBRID',
        capacity: 5,
      },
    });
    expect(cohort.errors).toBeUndefined();
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const internId = `intern-tr-${randomBytes(3).toString('hex')}`;
    const enrolled = await gql(
      'mutation Enroll($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }',
      {
        input: {
          cohortId: cohort.data!.scheduleCohort!.id,
          internId,
          name: 'Ada Traced',
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

    const consumers = ['mentors', 'scoping', 'evaluations', 'gateway'];
    const processOf = (spans: OtlpSpan[], service: string) =>
      spans.find(
        (s) =>
          s.service === service &&
          s.name === 'process mentorflow.cohorts.events' &&
          attribute(s, 'cloudevents.event_type') === INTERN_ENROLLED,
      );
    // Exported in batches (BatchSpanProcessor: every 5 s), by each process on its own timer: wait
    // for every span the test reads, not only the consumers' (cohorts may export after them).
    const has = (spans: OtlpSpan[], service: string, name: string | RegExp) =>
      spans.some((s) => s.service === service && (typeof name === 'string' ? s.name === name : name.test(s.name)));
    const spans = await eventually(
      async () => {
        const mine = received.filter((s) => s.traceId === traceId);
        const complete =
          consumers.every((c) => processOf(mine, c)) &&
          has(mine, 'gateway', 'mutation Enroll') &&
          has(mine, 'gateway', 'POST cohorts') &&
          has(mine, 'cohorts', /^mutation \w*enrollIntern$/) &&
          ['command EnrollInternCommand', 'create mentorflow.cohorts.events', 'send mentorflow.cohorts.events'].every(
            (name) => has(mine, 'cohorts', name),
          );
        return complete ? mine : undefined;
      },
      { timeoutMs: 60_000, what: 'every span of the enrollIntern, each process’s exported, in the caller trace' },
    );
    const named = (service: string, name: string) => {
      const found = spans.filter((s) => s.service === service && s.name === name);
      expectLabelled(found.length, `${service}: ${name}`).toBe(1);
      return found[0]!;
    };
    const gatewayRequest = named('gateway', 'mutation Enroll');
    expect(gatewayRequest.parentSpanId).toBe(callerSpanId);
    const fetchCohorts = named('gateway', 'POST cohorts');
    expect(fetchCohorts.parentSpanId).toBe(gatewayRequest.spanId);
    const cohortsRequest = spans.find((s) => s.service === 'cohorts' && s.parentSpanId === fetchCohorts.spanId)!;
    expect(cohortsRequest.name).toMatch(/^mutation \w*enrollIntern$/);
    const command = named('cohorts', 'command EnrollInternCommand');
    expect(command.parentSpanId).toBe(cohortsRequest.spanId);
    const create = named('cohorts', 'create mentorflow.cohorts.events');
    expect(create.parentSpanId).toBe(command.spanId);
    const send = named('cohorts', 'send mentorflow.cohorts.events');
    expect(send.parentSpanId).toBe(create.spanId);
    for (const consumer of consumers) {
      expectLabelled(processOf(spans, consumer)!.parentSpanId, consumer).toBe(create.spanId);
    }
  });
});
