import 'reflect-metadata';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Args, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CurrentUser, Roles, signToken, type Role } from '#auth';
import { opsPortOf, opsServerOf, resolveAuthSettings, SubgraphModule, type Identity } from '#platform';
import { testLogger } from '#testing';
import { startGateway } from './bootstrap.js';
import type { SubgraphEndpoint } from './config.js';
import { REPLAYED_HEADER } from './http/mutation-gate.js';
import { isPublicRoute } from './http/routes.js';
import { GRAPHQL_PATH } from './http-hooks.js';
import type { BeginResult, IdempotencyStore, StoredResponse } from './idempotency/idempotency-store.js';
import { testGatewayConfig } from './testing/gateway-config.js';

// The gateway's edge, attacked over real HTTP (issue 11, items 1 and 11): the gateway in process
// against two small subgraphs, every refusal asserted on the wire. Raw requests go through
// node:http, which sends the path exactly as written (fetch would normalise it, and refuses an
// Upgrade header).

const config = testGatewayConfig({
  SUBGRAPH_WAIT_MS: '10000',
  MUTATION_RATE_BURST: '3',
  MUTATION_RATE_PER_MINUTE: '1',
});
const secret = resolveAuthSettings(config).secret!;

/** Spellings of /graphql that Fastify routes to the GraphQL handler. */
const ENCODED = ['/graphq%6C', '/%67raphql', '/%67%72%61%70%68%71%6C', '/graphql?x', '/graphql#frag'];
/** Spellings that Fastify routes nowhere (case-sensitive, no trailing slash; see route-normalisation.spec.ts). */
const UNROUTED = ['/GraphQL', '/graphql/', '//graphql', '/graphql%2F', '/graphql;x', '/./graphql'];

// ---- alpha: a Nest subgraph (verifies the token again), counting the mutations it runs ----------

let touches = 0;

@ObjectType('EdgeCaller')
class CallerType {
  @Field(() => ID) sub: string;
}

@InputType('TouchInput')
class TouchInput {
  @Field() label: string;
}

const ANYONE: Role[] = ['PROGRAM_MANAGER', 'MENTOR', 'INTERN'];

@Resolver()
class AlphaResolver {
  @Query(() => CallerType)
  @Roles(...ANYONE)
  whoami(@CurrentUser() user: Identity): CallerType {
    return { sub: user.sub };
  }

  @Mutation(() => Number)
  @Roles(...ANYONE)
  touch(@Args('input') _input: TouchInput): number {
    return ++touches;
  }
}

@Module({
  imports: [SubgraphModule.forRoot({ auth: { secret }, logger: testLogger() })],
  providers: [AlphaResolver],
})
class AlphaModule {}

// ---- beta: a plain mercurius federation subgraph ---------------------------------------------

function createBeta(): FastifyInstance {
  const beta = Fastify();
  beta.get('/health/ready', async () => ({ status: 'ok' }));
  void beta.register(mercuriusFederationPlugin, {
    schema: `extend type Query { betaPing: String }`,
    resolvers: { Query: { betaPing: () => 'pong' } } as never,
  });
  return beta;
}

// ---- an Idempotency-Key store in memory ---------------------------------------------------------

class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, { hash: string; response?: StoredResponse }>();

  async begin(userId: string, key: string, requestHash: string): Promise<BeginResult> {
    const id = `${userId}\u0000${key}`;
    const entry = this.entries.get(id);
    if (!entry) {
      this.entries.set(id, { hash: requestHash });
      return { state: 'started' };
    }
    if (entry.hash !== requestHash) return { state: 'mismatch' };
    return entry.response ? { state: 'replay', response: entry.response } : { state: 'in_progress' };
  }

  async complete(userId: string, key: string, response: StoredResponse): Promise<void> {
    const entry = this.entries.get(`${userId}\u0000${key}`);
    if (entry) entry.response = response;
  }

  async abandon(userId: string, key: string): Promise<void> {
    this.entries.delete(`${userId}\u0000${key}`);
  }
}

// ---- the gateway ----------------------------------------------------------------------------------

let alpha: NestFastifyApplication;
let beta: FastifyInstance;
let gateway: NestFastifyApplication;
let port: number;
/** The gateway's log lines (info and above). */
const logLines: Record<string, unknown>[] = [];

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: any;
}

/** One request on its own connection, the path sent as written. */
function raw(
  method: string,
  path: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<RawResponse> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
            : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode!, headers: res.headers, text, body: parsed });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const bearer = async (sub: string) => ({
  authorization: `Bearer ${await signToken(secret, { sub, roles: ['PROGRAM_MANAGER'] })}`,
});

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TOUCH = 'mutation { touch(input: { label: "edge" }) }';

const UNAUTHENTICATED = {
  errors: [{ message: expect.stringContaining('Bearer'), extensions: { code: 'UNAUTHENTICATED' } }],
};
const NOT_FOUND = { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] };

beforeAll(async () => {
  alpha = await NestFactory.create<NestFastifyApplication>(AlphaModule, new FastifyAdapter(), { logger: false });
  alpha
    .getHttpAdapter()
    .getInstance()
    .get('/health/ready', async () => ({ status: 'ok' }));
  await alpha.listen(0, '127.0.0.1');
  beta = createBeta();
  await beta.listen({ port: 0, host: '127.0.0.1' });
  const endpoints: SubgraphEndpoint[] = [
    { name: 'alpha', url: `http://127.0.0.1:${(alpha.getHttpServer().address() as AddressInfo).port}/graphql` },
    { name: 'beta', url: `http://127.0.0.1:${(beta.server.address() as AddressInfo).port}/graphql` },
  ];
  const logger = pino(
    { level: 'info' },
    {
      write: (line: string) => {
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  gateway = await startGateway(config, logger, endpoints, { idempotency: new MemoryIdempotencyStore() });
  port = (gateway.getHttpServer().address() as AddressInfo).port;
});

afterAll(async () => {
  await gateway?.close();
  await beta?.close();
  await alpha?.close();
});

describe('the gateway decides by the route Fastify matched, not by the raw URL', () => {
  it('answers 401 UNAUTHENTICATED to a GraphQL request without a token, however /graphql is spelled', async () => {
    for (const path of ENCODED) {
      const post = await raw('POST', path, { body: { query: INTROSPECTION } });
      expect({ path, status: post.status, body: post.body }).toEqual({ path, status: 401, body: UNAUTHENTICATED });
      expect(post.headers['www-authenticate']).toBe('Bearer');

      const query = `${path.includes('?') ? '&' : '?'}query=${encodeURIComponent(INTROSPECTION)}`;
      const getPath = path.includes('#') ? path.replace('#', `${query}#`) : `${path}${query}`;
      const get = await raw('GET', getPath);
      expect({ getPath, status: get.status, body: get.body }).toEqual({ getPath, status: 401, body: UNAUTHENTICATED });
    }
  });

  it('answers 405 to HEAD, OPTIONS and the other methods on /graphql, however spelled, without running anything', async () => {
    const headers = await bearer('pm-methods');
    for (const path of ['/graphql', ...ENCODED]) {
      for (const method of ['HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']) {
        const withQuery = `${path.split('#')[0]}${path.includes('?') ? '&' : '?'}query=${encodeURIComponent(INTROSPECTION)}`;
        for (const auth of [{}, headers]) {
          const res = await raw(method, withQuery, { headers: auth });
          expect({ method, path, status: res.status }).toEqual({ method, path, status: 405 });
          expect(res.headers.allow).toBe('GET, POST');
          expect(res.text).not.toContain('__schema');
          if (method !== 'HEAD') expect(res.body.errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
        }
      }
    }
  });

  it('answers 404 NOT_FOUND to the spellings Fastify does not route (case, trailing slash, …), for every method', async () => {
    const headers = await bearer('pm-unrouted');
    for (const path of UNROUTED) {
      for (const method of ['GET', 'POST', 'OPTIONS']) {
        const res = await raw(method, path, { headers, body: method === 'POST' ? { query: TOUCH } : undefined });
        expect({ method, path, status: res.status, body: res.body }).toEqual({
          method,
          path,
          status: 404,
          body: NOT_FOUND,
        });
      }
    }
  });

  it('counts mutations sent through an encoded path in the rate limit: 429 RATE_LIMITED after the burst', async () => {
    const headers = await bearer('pm-encoded-rate');
    const before = touches;
    for (const path of ['/graphq%6C', '/%67raphql', '/graphql?x']) {
      const res = await raw('POST', path, { headers, body: { query: TOUCH } });
      expect({ path, status: res.status, errors: res.body.errors }).toEqual({ path, status: 200, errors: undefined });
    }
    const refused = await raw('POST', '/%67raphq%6C', { headers, body: { query: TOUCH } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(touches).toBe(before + 3);
  });

  it('honours an Idempotency-Key sent through an encoded path: the retry replays the first answer', async () => {
    const headers = { ...(await bearer('pm-encoded-idempotency')), 'idempotency-key': 'edge-key-1' };
    const first = await raw('POST', '/graphq%6C', { headers, body: { query: TOUCH } });
    expect(first.status).toBe(200);
    expect(first.headers[REPLAYED_HEADER]).toBeUndefined();
    const touchesAfterFirst = touches;

    const retry = await raw('POST', '/%67raphql', { headers, body: { query: TOUCH } });
    expect(retry.status).toBe(200);
    expect(retry.headers[REPLAYED_HEADER]).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(touches).toBe(touchesAfterFirst);

    const reused = await raw('POST', '/graphql?x', {
      headers,
      body: { query: 'mutation { touch(input: { label: "other" }) }' },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });

    const malformed = await raw('POST', '/%67raphql', {
      headers: { ...headers, 'idempotency-key': ' ' },
      body: { query: TOUCH },
    });
    expect(malformed.status).toBe(400);
  });

  it('runs no mutation sent with GET, however spelled', async () => {
    const headers = await bearer('pm-get-mutation');
    const before = touches;
    const res = await raw('GET', `/%67raphql?query=${encodeURIComponent(TOUCH)}`, { headers });
    expect(res.status).toBe(405);
    expect(touches).toBe(before);
  });

  it('writes the request log line for a request through an encoded path, with the caller', async () => {
    const headers = { ...(await bearer('pm-logged')), 'x-correlation-id': 'edge-log-1' };
    const res = await raw('POST', '/graphq%6C', { headers, body: { query: '{ whoami { sub } }' } });
    expect(res.body).toEqual({ data: { whoami: { sub: 'pm-logged' } } });
    const refused = await raw('POST', '/%67raphql', {
      headers: { 'x-correlation-id': 'edge-log-2' },
      body: { query: INTROSPECTION },
    });
    expect(refused.status).toBe(401);
    const lines = logLines.filter((l) => l.msg === 'graphql request');
    expect(lines.find((l) => l.correlationId === 'edge-log-1')).toMatchObject({
      component: 'http',
      sub: 'pm-logged',
      method: 'POST',
      status: 200,
    });
    expect(lines.find((l) => l.correlationId === 'edge-log-2')).toMatchObject({ method: 'POST', status: 401 });
  });
});

describe('websockets only on a real upgrade', () => {
  it('answers 401 to a POST or a plain GET that carries an Upgrade header but no token', async () => {
    const attempts: [string, string, Record<string, string>][] = [
      ['POST', '/graphql', { upgrade: 'websocket' }],
      ['POST', '/graphql', { upgrade: 'websocket', connection: 'Upgrade' }],
      ['POST', '/graphq%6C', { upgrade: 'websocket', connection: 'Upgrade' }],
      ['GET', `/graphql?query=${encodeURIComponent(INTROSPECTION)}`, { upgrade: 'websocket' }],
      ['GET', `/%67raphql?query=${encodeURIComponent(INTROSPECTION)}`, { upgrade: 'websocket' }],
    ];
    for (const [method, path, headers] of attempts) {
      const res = await raw(method, path, { headers, body: method === 'POST' ? { query: INTROSPECTION } : undefined });
      expect({ method, path, headers, status: res.status, body: res.body }).toEqual({
        method,
        path,
        headers,
        status: 401,
        body: UNAUTHENTICATED,
      });
    }
  });

  it('closes the connection of a refused upgrade (it is no longer the HTTP server’s)', async () => {
    const res = await raw('POST', '/graphql', {
      headers: { upgrade: 'websocket', connection: 'Upgrade' },
      body: { query: INTROSPECTION },
    });
    expect(res.status).toBe(401);
    expect(res.headers.connection).toBe('close');
  });

  it('still lets a real websocket handshake through without a header token (graphql-ws authenticates it)', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
      socket.on('error', (err) => resolve(`error ${err.message}`));
    });
    socket.terminate();
    expect(outcome).toBe('open');
  });

  it('refuses a websocket handshake on a route that is not served', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/GraphQL`, 'graphql-transport-ws');
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
      socket.on('error', (err) => resolve(`error ${err.message}`));
    });
    socket.terminate();
    expect(outcome).toBe('refused 404');
  });
});

describe('GraphQL over HTTP: null members of the request body', () => {
  it('accepts "extensions": null, "variables": null and "operationName": null', async () => {
    const headers = await bearer('pm-nulls');
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const res = await raw('POST', '/graphql', {
        headers: { ...headers, accept },
        body: { query: '{ whoami { sub } }', operationName: null, variables: null, extensions: null },
      });
      expect({ accept, status: res.status, body: res.body }).toEqual({
        accept,
        status: 200,
        body: { data: { whoami: { sub: 'pm-nulls' } } },
      });
    }
  });

  it('answers 415 to a body sent as text/plain, as GraphQL over HTTP asks, not a 200 with an error', async () => {
    const res = await raw('POST', '/graphql', {
      headers: { ...(await bearer('pm-text')), 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ query: '{ whoami { sub } }' }),
    });
    expect(res.status).toBe(415);
    expect(res.body.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.data).toBeUndefined();
  });

  it('answers 400 BAD_REQUEST naming a parameter of the wrong type, on POST and GET', async () => {
    const headers = await bearer('pm-types');
    const posted = await raw('POST', '/graphql', { headers, body: '{"query": 42}' });
    expect({ status: posted.status, body: posted.body }).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'The GraphQL request parameter query must be a string',
            extensions: { code: 'BAD_REQUEST', parameter: 'query' },
          },
        ],
      },
    });
    const got = await raw('GET', `/graphql?query=${encodeURIComponent('{ __typename }')}&variables=42`, { headers });
    expect(got.status).toBe(400);
    expect(got.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', parameter: 'variables' });
  });

  it('still refuses an extensions member that is neither an object nor null', async () => {
    const res = await raw('POST', '/graphql', {
      headers: await bearer('pm-nulls'),
      body: { query: '{ whoami { sub } }', extensions: 'x' },
    });
    expect(res.body.data).toBeUndefined();
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', parameter: 'extensions' });
  });
});

describe('HTTP routes deny by default on the public port', () => {
  it('answers 404 NOT_FOUND, GraphQL-shaped, with no framework text, to any other path and method', async () => {
    const headers = await bearer('pm-404');
    for (const path of [
      '/',
      '/nope',
      '/graphiql',
      '/admin',
      '/health',
      '/health/live/x',
      '/metrics',
      '/metrics/x',
      '/.env',
    ]) {
      for (const method of ['GET', 'POST', 'OPTIONS', 'DELETE']) {
        const res = await raw(method, path, { headers, body: method === 'POST' ? { query: '{ a }' } : undefined });
        expect({ method, path, status: res.status, body: res.body }).toEqual({
          method,
          path,
          status: 404,
          body: NOT_FOUND,
        });
        expect(res.text).not.toMatch(/Cannot|statusCode|stack|fastify|nest/i);
      }
    }
    // Served routes, other methods than theirs: also 404.
    for (const [method, path] of [
      ['POST', '/health/live'],
      ['OPTIONS', '/health/ready'],
    ]) {
      const res = await raw(method, path, { headers });
      expect({ method, path, status: res.status, body: res.body }).toEqual({
        method,
        path,
        status: 404,
        body: NOT_FOUND,
      });
    }
  });

  it('serves health without a token; /metrics only on the ops listener, with health', async () => {
    expect((await raw('GET', '/health/live')).status).toBe(200);
    expect([200, 503]).toContain((await raw('GET', '/health/ready')).status);
    expect((await raw('GET', '/metrics')).status).toBe(404);
    const ops = opsServerOf(gateway)!;
    const opsPort = opsPortOf(ops);
    expect(opsPort).toBeGreaterThan(0);
    expect(opsPort).not.toBe(port);
    const metrics = await fetch(`http://127.0.0.1:${opsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('mentorflow_http_request_duration_seconds');
    expect((await fetch(`http://127.0.0.1:${opsPort}/health/live`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${opsPort}/graphql`, { method: 'POST' })).status).toBe(404);
  });

  it('registers no route that the public port would not serve', () => {
    const fastify = gateway.getHttpAdapter().getInstance() as FastifyInstance;
    const table = fastify.printRoutes({ commonPrefix: false });
    const routes = [...table.matchAll(/([^\s─│├└]+) \(/g)].map((m) => m[1]!);
    expect(routes).toEqual(expect.arrayContaining([GRAPHQL_PATH, '/health/live', '/health/ready']));
    expect(routes.filter((route) => !isPublicRoute(route, GRAPHQL_PATH))).toEqual([]);
  });
});
