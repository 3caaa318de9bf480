import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import Fastify, { type FastifyInstance } from 'fastify';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signToken } from '#auth';
import { resolveAuthSettings } from '#platform';
import { testLogger } from '#testing';
import { startGateway } from '../bootstrap.js';
import type { SubgraphEndpoint } from '../config.js';
import { testGatewayConfig } from '../testing/gateway-config.js';

// Issue 11, item 2, against the gateway in process (as gateway.integration-spec.ts starts it),
// federating two small real subgraphs over HTTP:
//  - alpha owns `Widget`, and has a slow field and a field of any size;
//  - beta extends `Widget`.
// Two gateways: `open` (NODE_ENV=test: introspection on, as for GraphiQL and schema:check) and
// `closed` (GRAPHQL_INTROSPECTION=false: what production gets by default).

const TIMEOUT_MS = 300;
const MAX_RESPONSE_BYTES = 64 * 1024;

const env = {
  SUBGRAPH_WAIT_MS: '10000',
  GRAPHQL_EXECUTION_TIMEOUT_MS: String(TIMEOUT_MS),
  GRAPHQL_MAX_RESPONSE_BYTES: String(MAX_RESPONSE_BYTES),
};
const openConfig = testGatewayConfig(env);
// The second gateway also takes its field, root-field and token limits from the environment.
const closedConfig = testGatewayConfig({
  ...env,
  GRAPHQL_INTROSPECTION: 'false',
  MAX_QUERY_FIELDS: '30',
  MAX_ROOT_FIELDS: '3',
  MAX_QUERY_TOKENS: '10000',
});
const secret = resolveAuthSettings(openConfig).secret!;

const pendingTimers = new Set<NodeJS.Timeout>();

function subgraph(schema: string, resolvers: Record<string, unknown>): FastifyInstance {
  const app = Fastify();
  app.get('/health/ready', async () => ({ status: 'ok' }));
  void app.register(mercuriusFederationPlugin, { schema, resolvers: resolvers as never });
  return app;
}

const alphaSchema = `
  type Widget @key(fields: "id") { id: ID! name: String! }
  extend type Query {
    widget(id: ID!): Widget
    slow(ms: Int!): String
    blob(kb: Int!): String
  }
`;

const betaSchema = `
  extend type Query { betaPing: String }
  extend type Widget @key(fields: "id") { id: ID! @external label: String }
`;

let alpha: FastifyInstance;
let beta: FastifyInstance;
let open: NestFastifyApplication;
let closed: NestFastifyApplication;
let openUrl: string;
let closedUrl: string;
let authorization: string;

interface Answer {
  status: number;
  bytes: number;
  ms: number;
  body: { data?: any; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

async function post(url: string, query: string, accept = 'application/graphql-response+json'): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(text), ms: Date.now() - started, body: JSON.parse(text) };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
}

function urlOf(app: NestFastifyApplication): string {
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

/** The attack of issue 11: each alias a copy of every type's fields and their arguments. */
const aliasedSchemas = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `s${i}: __schema { types { fields { args { name } } } }`).join(' ')} }`;

async function expectAlive(url: string): Promise<void> {
  expect((await fetch(`${url}/health/live`)).status).toBe(200);
  expect((await post(url, '{ widget(id: "1") { name label } }')).body).toEqual({
    data: { widget: { name: 'widget 1', label: 'label of 1' } },
  });
}

beforeAll(async () => {
  alpha = subgraph(alphaSchema, {
    Query: {
      widget: (_: unknown, { id }: { id: string }) => ({ id, name: `widget ${id}` }),
      slow: (_: unknown, { ms }: { ms: number }) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => {
            pendingTimers.delete(timer);
            resolve('finally');
          }, ms);
          pendingTimers.add(timer);
        }),
      blob: (_: unknown, { kb }: { kb: number }) => 'x'.repeat(kb * 1024),
    },
    Widget: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: `widget ${ref.id}` }) },
  });
  beta = subgraph(betaSchema, {
    Query: { betaPing: () => 'pong' },
    Widget: { __resolveReference: (ref: { id: string }) => ref, label: (w: { id: string }) => `label of ${w.id}` },
  });
  const endpoints: SubgraphEndpoint[] = [
    { name: 'alpha', url: await listen(alpha) },
    { name: 'beta', url: await listen(beta) },
  ];
  open = await startGateway(openConfig, testLogger(), endpoints);
  closed = await startGateway(closedConfig, testLogger(), endpoints);
  openUrl = urlOf(open);
  closedUrl = urlOf(closed);
  authorization = `Bearer ${await signToken(secret, { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] })}`;
});

afterAll(async () => {
  for (const timer of pendingTimers) clearTimeout(timer);
  await open?.close();
  await closed?.close();
  await alpha?.close();
  await beta?.close();
});

describe('gateway limits on introspection, execution time and response size (real HTTP, two real subgraphs)', () => {
  it('refuses 300 aliased __schema (19 KB) with QUERY_TOO_COMPLEX in a small answer, and keeps serving', async () => {
    const query = aliasedSchemas(300);
    expect(query.length).toBeGreaterThan(15_000);
    const res = await post(openUrl, query);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        {
          message: 'The operation selects __schema 300 times; at most 1 is allowed (aliases included)',
          extensions: { code: 'QUERY_TOO_COMPLEX', field: '__schema', count: 300, max: 1 },
        },
      ],
    });
    expect(res.body.data).toBeUndefined();
    expect(res.bytes).toBeLessThan(1_000);
    await expectAlive(openUrl);
  });

  it('refuses the same attack filling the 1 MiB body limit as quickly, before validating it', async () => {
    const n = 15_000;
    const body = JSON.stringify({ query: aliasedSchemas(n) });
    expect(body.length).toBeGreaterThan(800_000);
    expect(body.length).toBeLessThan(openConfig.BODY_LIMIT_BYTES);
    const res = await post(openUrl, aliasedSchemas(n), 'application/json');
    expect(res.status).toBe(200);
    // Refused before it is even parsed: more tokens than MAX_QUERY_TOKENS.
    expect(res.body.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      maxTokens: openConfig.MAX_QUERY_TOKENS,
    });
    expect(res.bytes).toBeLessThan(1_000);
    expect(res.ms).toBeLessThan(2_000);
    await expectAlive(openUrl);
  });

  it('refuses thousands of aliases (MAX_QUERY_FIELDS) and many aliased root fields (MAX_ROOT_FIELDS) before validating them', async () => {
    const fields = await post(openUrl, `{ ${'a: __typename '.repeat(2_000)} }`);
    expect(fields.status).toBe(400);
    expect(fields.body).toEqual({
      errors: [
        {
          message: `The query selects 2000 fields (aliases, __typename and fragments included); the limit is 1000 (MAX_QUERY_FIELDS)`,
          extensions: { code: 'QUERY_TOO_COMPLEX', fields: 2_000, maxFields: 1_000 },
        },
      ],
    });
    const roots = await post(
      openUrl,
      `{ ${Array.from({ length: 60 }, (_, i) => `w${i}: widget(id: "${i}") { name }`).join(' ')} }`,
    );
    expect(roots.status).toBe(400);
    expect(roots.body.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      rootFields: 60,
      maxRootFields: 50,
    });
    expect(roots.bytes).toBeLessThan(1_000);
    await expectAlive(openUrl);
  });

  it('takes MAX_QUERY_FIELDS, MAX_ROOT_FIELDS and MAX_QUERY_TOKENS from the environment', async () => {
    const fourRoots = `{ ${Array.from({ length: 4 }, (_, i) => `w${i}: widget(id: "${i}") { name }`).join(' ')} }`;
    expect((await post(openUrl, fourRoots)).body.errors).toBeUndefined();
    expect((await post(closedUrl, fourRoots)).body.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      rootFields: 4,
      maxRootFields: 3,
    });
    const fields = `{ ${'a: __typename '.repeat(31)} }`;
    expect((await post(openUrl, fields)).body.errors).toBeUndefined();
    expect((await post(closedUrl, fields)).body.errors?.[0]?.extensions).toMatchObject({ maxFields: 30 });
    const tokens = `{ ${'__typename '.repeat(10_001)} }`;
    expect((await post(closedUrl, tokens)).body.errors?.[0]?.extensions).toMatchObject({ maxTokens: 10_000 });
  });

  it('refuses aliased __type and a nested introspection cycle (counted in the cost like any list)', async () => {
    const types = await post(openUrl, '{ a: __type(name: "Widget") { name } b: __type(name: "Query") { name } }');
    expect(types.body.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      field: '__type',
      count: 2,
      max: 1,
    });
    const cycle = await post(
      openUrl,
      '{ __schema { types { fields { type { fields { args { type { name } } } } } } } }',
    );
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('still answers the standard introspection query where introspection is on (GraphiQL, npm run schema:check)', async () => {
    const res = await post(openUrl, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const names = (res.body.data.__schema.types as { name: string }[]).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Widget', 'Query']));
  });

  it('answers no introspection where it is off, the attack included; the federation still composes', async () => {
    for (const query of [
      aliasedSchemas(300),
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Widget") { name } }',
    ]) {
      const res = await post(closedUrl, query);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        errors: [
          {
            message: 'Introspection is disabled on this gateway: __schema and __type cannot be queried',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      });
    }
    // Composed from the subgraphs' `_service { sdl }`: both answer through it.
    expect((await post(closedUrl, '{ __typename betaPing widget(id: "2") { label } }')).body).toEqual({
      data: { __typename: 'Query', betaPing: 'pong', widget: { label: 'label of 2' } },
    });
    await expectAlive(closedUrl);
  });

  it('gives up on a request after GRAPHQL_EXECUTION_TIMEOUT_MS: 504 EXECUTION_TIMEOUT, GraphQL-shaped', async () => {
    const res = await post(openUrl, '{ slow(ms: 3000) }', 'application/json');
    expect(res.status).toBe(504);
    expect(res.body).toEqual({
      errors: [
        {
          message: `The request did not complete within ${TIMEOUT_MS} ms (a mutation may still have been applied)`,
          extensions: { code: 'EXECUTION_TIMEOUT', timeoutMs: TIMEOUT_MS },
        },
      ],
    });
    expect(res.ms).toBeLessThan(2_000);

    const get = await fetch(`${openUrl}/graphql?query=${encodeURIComponent('{ slow(ms: 3000) }')}`, {
      headers: { authorization },
    });
    expect(get.status).toBe(504);
    expect(((await get.json()) as Answer['body']).errors?.[0]?.extensions.code).toBe('EXECUTION_TIMEOUT');

    expect((await post(openUrl, '{ slow(ms: 10) }')).body).toEqual({ data: { slow: 'finally' } });
    await expectAlive(openUrl);
  });

  it('refuses a result over GRAPHQL_MAX_RESPONSE_BYTES with RESPONSE_TOO_LARGE instead of sending it', async () => {
    const fits = await post(openUrl, '{ blob(kb: 32) }');
    expect(fits.status).toBe(200);
    expect(fits.body.data.blob).toHaveLength(32 * 1024);

    const res = await post(openUrl, '{ blob(kb: 200) }');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        {
          message: `The response would be larger than the limit of ${MAX_RESPONSE_BYTES} bytes: ask for fewer fields or smaller pages`,
          extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes: MAX_RESPONSE_BYTES },
        },
      ],
    });
    expect(res.bytes).toBeLessThan(1_000);
    const legacy = await post(openUrl, '{ blob(kb: 200) }', 'application/json');
    expect(legacy.status).toBe(200);
    expect(legacy.body.errors?.[0]?.extensions.code).toBe('RESPONSE_TOO_LARGE');
    await expectAlive(openUrl);
  });
});
