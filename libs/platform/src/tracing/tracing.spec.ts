import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import Fastify from 'fastify';
import { parse } from 'graphql';
import { baseConfigSchema, ConfigError, loadConfig } from '../config.js';
import { nameSpanAfterOperation } from './graphql-operation.js';
import { traceRequests } from './http-server.js';
import { TRACER_NAME } from './trace-context.js';
import { inSpan, otlpTracesUrl, startTracing, tracingEnabled, type Tracing } from './tracing.js';

let tracing: Tracing | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

function inMemory(): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  tracing = startTracing({ serviceName: 'unit', spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return exporter;
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

describe('tracing configuration', () => {
  it.each([
    ['not a URL', 'collector:4318 please'],
    ['not http(s)', 'ftp://collector:4318'],
  ])('refuses an OTEL_EXPORTER_OTLP_ENDPOINT that is %s, naming the variable', (_what, value) => {
    expect(() => loadConfig(baseConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: value })).toThrow(ConfigError);
    expect(() => loadConfig(baseConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: value })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: .*http/,
    );
  });

  it('takes an http(s) endpoint, and treats an empty one as unset', () => {
    expect(loadConfig(baseConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    });
    const unset = loadConfig(baseConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_SERVICE_NAME: '' });
    expect(unset.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(unset.OTEL_SERVICE_NAME).toBeUndefined();
  });

  it('sends traces to <endpoint>/v1/traces, as the OpenTelemetry specification defines the variable', () => {
    expect(otlpTracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrl('https://otel.example.com/base/')).toBe('https://otel.example.com/base/v1/traces');
    expect(() => otlpTracesUrl('nope')).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => startTracing({ serviceName: 'x', endpoint: 'file:///tmp/x' })).toThrow(ConfigError);
    expect(tracingEnabled()).toBe(false);
  });
});

describe('without an endpoint', () => {
  it('registers nothing: spans are not recorded and the instrumented paths just run', async () => {
    tracing = startTracing({ serviceName: 'unit' });
    expect(tracing.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    expect(trace.getTracer(TRACER_NAME).startSpan('x').isRecording()).toBe(false);
    expect(await inSpan('work', async () => trace.getActiveSpan())).toBeUndefined();
    const app = Fastify();
    traceRequests(app);
    app.get('/x', async () => ({ active: trace.getActiveSpan() !== undefined }));
    expect((await app.inject('/x')).json()).toEqual({ active: false });
    await app.close();
  });
});

describe('with an OTLP/HTTP endpoint', () => {
  it('exports the spans, under OTEL_SERVICE_NAME, to <endpoint>/v1/traces', async () => {
    const received: { path?: string; body: string }[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    try {
      tracing = startTracing({ serviceName: 'cohorts-unit', endpoint: `http://127.0.0.1:${port}` });
      expect(tracingEnabled()).toBe(true);
      await inSpan('command EnrollInternCommand', async () => undefined);
      await tracing.flush();
      expect(received.map((r) => r.path)).toEqual(['/v1/traces']);
      expect(received[0]!.body).toContain('command EnrollInternCommand');
      expect(received[0]!.body).toContain('cohorts-unit');
    } finally {
      await tracing?.shutdown();
      tracing = undefined;
      collector.close();
    }
  });
});

describe('request spans', () => {
  it('continues the caller traceparent in a server span that is active in the handler', async () => {
    const exporter = inMemory();
    const app = Fastify();
    traceRequests(app, new Set(['/health/live']));
    app.get('/work/:id', async () => inSpan('inner', async () => 'done'));
    app.get('/health/live', async () => ({ active: trace.getActiveSpan() !== undefined }));
    const res = await app.inject({
      url: '/work/7',
      headers: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`, 'x-correlation-id': 'corr-7' },
    });
    expect(res.body).toBe('done');
    expect((await app.inject('/health/live')).json()).toEqual({ active: false });
    await app.close();
    const [inner, server] = exporter.getFinishedSpans();
    expect(server).toMatchObject({ name: 'GET /work/:id', kind: SpanKind.SERVER });
    expect(server!.spanContext().traceId).toBe(TRACE_ID);
    expect(server!.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(server!.attributes).toMatchObject({
      'http.route': '/work/:id',
      'url.path': '/work/7',
      'http.response.status_code': 200,
      'mentorflow.correlation_id': 'corr-7',
    });
    expect(inner!.name).toBe('inner');
    expect(inner!.parentSpanContext?.spanId).toBe(server!.spanContext().spanId);
    expect(exporter.getFinishedSpans()).toHaveLength(2);
  });

  it('sends the traceparent of a client span with the requests a traced handler makes', async () => {
    const exporter = inMemory();
    const seen: IncomingHttpHeaders[] = [];
    const downstream = createServer((req, res) => {
      seen.push(req.headers);
      res.end('ok');
    });
    await new Promise<void>((resolve) => downstream.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(downstream.address() as AddressInfo).port}/graphql`;
    const app = Fastify();
    traceRequests(app);
    app.get('/call', async () => (await fetch(url, { method: 'POST', body: '{}' })).text());
    try {
      expect((await app.inject('/call')).body).toBe('ok');
      // Outside any traced request: no span, no header.
      await (await fetch(url)).text();
    } finally {
      await app.close();
      downstream.close();
    }
    const client = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.CLIENT)!;
    const server = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
    expect(client.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(client.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 200 });
    expect(seen[0]!.traceparent).toBe(`00-${server.spanContext().traceId}-${client.spanContext().spanId}-01`);
    expect(seen[1]!.traceparent).toBeUndefined();
    expect(exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT)).toHaveLength(1);
  });
});

describe('GraphQL operations', () => {
  it('names the active span after the operation, or its root fields when it has no name', async () => {
    const exporter = inMemory();
    await inSpan('POST /graphql', async () => nameSpanAfterOperation(parse('mutation Enroll { enrollIntern { id } }')));
    await inSpan('POST /graphql', async () => nameSpanAfterOperation(parse('{ cohorts { id } me { id } }')));
    await inSpan('POST /graphql', async () => nameSpanAfterOperation(parse('query A { a } query B { b }'), 'B'));
    expect(exporter.getFinishedSpans().map((s) => [s.name, s.attributes['graphql.operation.type']])).toEqual([
      ['mutation Enroll', 'mutation'],
      ['query cohorts,me', 'query'],
      ['query B', 'query'],
    ]);
  });
});
