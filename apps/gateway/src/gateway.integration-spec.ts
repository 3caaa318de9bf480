import 'reflect-metadata';
import { createServer, type AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Args, Context, Directive, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import Fastify, { type FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import mercurius from 'mercurius';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CurrentUser, Roles, signToken, type GraphQLRequestContext, type Role } from '#auth';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import { opsPortOf, opsServerOf, resolveAuthSettings, SubgraphModule, type Identity } from '#platform';
import { eventually, graphqlClient, testLogger, type GqlClient, type GqlResponse } from '#testing';
import { startGateway } from './bootstrap.js';
import type { SubgraphEndpoint } from './config.js';
import { subgraphUnavailableMessage } from './gateway-errors.js';
import { testGatewayConfig } from './testing/gateway-config.js';

// The gateway, in process, against two small but real subgraphs on real ports:
//  - alpha: a Nest subgraph built with the platform's SubgraphModule (auth, roles, error codes),
//    owning the `Widget` entity;
//  - beta: a plain @mercuriusjs/federation subgraph extending `Widget`, started only after the
//    gateway, to show that a subgraph missing at start-up joins through the retries.

const config = testGatewayConfig({
  SUBGRAPH_WAIT_MS: '300',
  SUBGRAPH_RETRY_INTERVAL_MS: '200',
  SUBGRAPH_RETRY_COUNT: '150',
  MUTATION_RATE_BURST: '10',
  MUTATION_RATE_PER_MINUTE: '1',
});
const secret = resolveAuthSettings(config).secret!;

// ---- alpha: a Nest subgraph -------------------------------------------------------------

@ObjectType('Caller')
class CallerType {
  @Field(() => ID) sub: string;
  @Field(() => [String]) roles: string[];
  @Field() correlationId: string;
}

@ObjectType('Widget')
@Directive('@key(fields: "id")')
class WidgetType {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@InputType('FailInput')
class FailInput {
  @Field() code: string;
}

const ANYONE: Role[] = ['PROGRAM_MANAGER', 'MENTOR', 'INTERN'];

@Resolver(() => WidgetType)
class AlphaResolver {
  @Query(() => CallerType)
  @Roles(...ANYONE)
  whoami(@CurrentUser() user: Identity, @Context() ctx: GraphQLRequestContext): CallerType {
    return { sub: user.sub, roles: user.roles, correlationId: ctx.correlationId };
  }

  @Query(() => WidgetType)
  @Roles(...ANYONE)
  widget(@Args('id', { type: () => ID }) id: string): WidgetType {
    return { id, name: `widget ${id}` };
  }

  /** Fails with data next to the error (a nullable root field). */
  @Query(() => String, { nullable: true })
  @Roles(...ANYONE)
  staleRead(): string {
    throw new ConflictError('stale version: reload and retry');
  }

  @Mutation(() => Boolean)
  @Roles('PROGRAM_MANAGER')
  fail(@Args('input') input: FailInput): boolean {
    switch (input.code) {
      case 'CONFLICT':
        throw new ConflictError('cohort is full');
      case 'BAD_USER_INPUT':
        throw new ValidationError([
          { field: 'capacity', message: 'must be at least 1' },
          { field: 'milestones[0].dueWeek', message: 'must be within the program (1–12)' },
        ]);
      case 'NOT_FOUND':
        throw new NotFoundError('Cohort', 'c-404');
      default:
        throw new Error('database password is hunter2 (at /srv/alpha.ts:42)');
    }
  }
}

@Module({
  imports: [SubgraphModule.forRoot({ auth: { secret }, logger: testLogger() })],
  providers: [AlphaResolver],
})
class AlphaModule {}

// ---- beta: a plain mercurius federation subgraph ------------------------------------------

const betaSchema = `
  extend type Query { betaPing: String }
  extend type Widget @key(fields: "id") {
    id: ID! @external
    label: String
    explode: String
  }
`;

interface SeenRequest {
  authorization?: string;
  correlationId?: string;
  body: string;
}

function createBeta(seen: SeenRequest[]): FastifyInstance {
  const beta = Fastify();
  beta.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/graphql')) {
      seen.push({
        authorization: request.headers.authorization,
        correlationId: request.headers['x-correlation-id'] as string | undefined,
        body: JSON.stringify(request.body),
      });
    }
  });
  beta.get('/health/ready', async () => ({ status: 'ok' }));
  void beta.register(mercuriusFederationPlugin, {
    schema: betaSchema,
    resolvers: {
      Query: { betaPing: () => 'pong' },
      Widget: {
        __resolveReference: (ref: { id: string }) => ref,
        label: (w: { id: string }) => `label of ${w.id}`,
        explode: () => {
          throw new mercurius.ErrorWithProps('this widget changed meanwhile', { code: 'CONFLICT' });
        },
      },
    } as never,
  });
  return beta;
}

// ---- the test -------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let alpha: NestFastifyApplication;
let beta: FastifyInstance | undefined;
let betaPort: number;
const seenByBeta: SeenRequest[] = [];
let gateway: NestFastifyApplication;
let gatewayUrl: string;

/** Every verified caller the gateway told the process of (program managers' addresses for email). */
const seenIdentities: Identity[] = [];

let gql: GqlClient;
/** A query to the gateway over real HTTP, with these headers. */
const post = (query: string, headers: Record<string, string> = {}): Promise<GqlResponse> =>
  gql(query, undefined, { headers });

const bearer = async (sub: string, roles: Role[]) => ({
  authorization: `Bearer ${await signToken(secret, { sub, roles })}`,
});

beforeAll(async () => {
  alpha = await NestFactory.create<NestFastifyApplication>(AlphaModule, new FastifyAdapter(), { logger: false });
  alpha
    .getHttpAdapter()
    .getInstance()
    .get('/health/ready', async () => ({ status: 'ok' }));
  await alpha.listen(0, '127.0.0.1');
  betaPort = await freePort();
  const endpoints: SubgraphEndpoint[] = [
    { name: 'alpha', url: `${await alpha.getUrl()}/graphql`.replace('[::1]', '127.0.0.1') },
    { name: 'beta', url: `http://127.0.0.1:${betaPort}/graphql` },
  ];
  gateway = await startGateway(config, testLogger(), endpoints, {
    onIdentity: (i) => void seenIdentities.push(i),
  });
  const { port } = gateway.getHttpServer().address() as AddressInfo;
  gatewayUrl = `http://127.0.0.1:${port}`;
  gql = graphqlClient(gatewayUrl);
});

afterAll(async () => {
  await gateway?.close();
  await beta?.close();
  await alpha?.close();
});

describe('gateway (real HTTP, two real subgraphs)', () => {
  it('starts without a subgraph that is down, and composes it in once it answers', async () => {
    const pm = await bearer('pm-1', ['PROGRAM_MANAGER']);
    const before = await post(`{ widget(id: "1") { name label } }`, {
      ...pm,
      accept: 'application/graphql-response+json',
    });
    expect(before.status).toBe(400);
    expect(before.body.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Ready all the same (partial availability), reporting the subgraph that is missing.
    const partly = await fetch(`${gatewayUrl}/health/ready`);
    expect(partly.status).toBe(200);
    expect(await partly.json()).toEqual({
      status: 'ok',
      service: 'gateway',
      checks: { schema: true },
      subgraphs: { alpha: 'up', beta: 'down' },
    });

    beta = createBeta(seenByBeta);
    await beta.listen({ port: betaPort, host: '127.0.0.1' });

    const joined = await eventually(
      async () => {
        const res = await post(`{ widget(id: "1") { name label } }`, pm);
        return res.body.data?.widget ? res : undefined;
      },
      { timeoutMs: 15_000, what: 'beta to join the composed schema' },
    );
    expect(joined.body).toEqual({ data: { widget: { name: 'widget 1', label: 'label of 1' } } });
    // Subgraph states are reused for up to a second (READINESS_REUSE_MS): beta shows up soon after.
    await eventually(
      async () => {
        const body = (await (await fetch(`${gatewayUrl}/health/ready`)).json()) as { subgraphs?: unknown };
        return JSON.stringify(body.subgraphs) === JSON.stringify({ alpha: 'up', beta: 'up' }) ? true : undefined;
      },
      { timeoutMs: 5_000, what: 'the gateway to report beta up' },
    );
  });

  it('answers 401 UNAUTHENTICATED, GraphQL-shaped, without a bearer token', async () => {
    const res = await post(`{ whoami { sub } }`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      errors: [{ message: expect.stringContaining('Bearer'), extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.headers.get('x-correlation-id')).toBeTruthy();

    const get = await fetch(`${gatewayUrl}/graphql?query=${encodeURIComponent('{ whoami { sub } }')}`);
    expect(get.status).toBe(401);
    expect(((await get.json()) as GqlResponse['body']).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for a token that is malformed, signed with another secret, or expired', async () => {
    const otherSecret = await signToken('some-other-secret-of-enough-length', {
      sub: 'pm-1',
      roles: ['PROGRAM_MANAGER'],
    });
    const expired = await new SignJWT({ roles: ['PROGRAM_MANAGER'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('pm-1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(secret));
    for (const token of ['not-a-jwt', otherSecret, expired]) {
      const res = await post(`{ whoami { sub } }`, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      expect(res.body.errors?.[0]?.message).toMatch(/^invalid token/);
    }
    const basic = await post(`{ whoami { sub } }`, { authorization: 'Basic cG06cGFzcw==' });
    expect(basic.status).toBe(401);
  });

  it('answers a valid token with data, the caller’s identity checked again by the subgraph', async () => {
    const res = await post(`{ whoami { sub roles } }`, await bearer('mentor-7', ['MENTOR', 'INTERN']));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { whoami: { sub: 'mentor-7', roles: ['MENTOR', 'INTERN'] } } });
  });

  it('tells the process of each verified caller, with the email claim (program managers’ addresses for email)', async () => {
    const token = await signToken(secret, {
      sub: 'pm-mail',
      roles: ['PROGRAM_MANAGER'],
      name: 'Pat',
      email: 'pat@example.com',
    });
    const res = await post(`{ whoami { sub } }`, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(seenIdentities.find((i) => i.sub === 'pm-mail')).toMatchObject({
      roles: ['PROGRAM_MANAGER'],
      email: 'pat@example.com',
      name: 'Pat',
    });
    const before = seenIdentities.length;
    await post(`{ whoami { sub } }`, { authorization: 'Bearer not-a-jwt' });
    expect(seenIdentities.length).toBe(before);
  });

  it('forwards the correlation id (the client’s, or a new one) and the token to every subgraph call', async () => {
    const pm = await bearer('pm-1', ['PROGRAM_MANAGER']);
    const given = await post(`{ whoami { correlationId } widget(id: "9") { label } }`, {
      ...pm,
      'x-correlation-id': 'corr-test-123',
    });
    expect(given.headers.get('x-correlation-id')).toBe('corr-test-123');
    expect(given.body.data.whoami.correlationId).toBe('corr-test-123');
    const betaCall = seenByBeta.filter((s) => s.body.includes('_entities')).at(-1);
    expect(betaCall).toMatchObject({ correlationId: 'corr-test-123', authorization: pm.authorization });

    const generated = await post(`{ whoami { correlationId } }`, pm);
    const id = generated.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.body.data.whoami.correlationId).toBe(id);

    const unusable = await post(`{ whoami { correlationId } }`, { ...pm, 'x-correlation-id': 'x'.repeat(300) });
    expect(unusable.body.data.whoami.correlationId).toBe(unusable.headers.get('x-correlation-id'));
    expect(unusable.body.data.whoami.correlationId).not.toContain('xxx');
  });

  it('passes subgraph error codes through: CONFLICT, BAD_USER_INPUT with fields, NOT_FOUND, FORBIDDEN', async () => {
    const pm = await bearer('pm-1', ['PROGRAM_MANAGER']);
    const conflict = await post(`mutation { fail(input: { code: "CONFLICT" }) }`, pm);
    expect(conflict.status).toBe(200);
    expect(conflict.body).toEqual({
      data: null,
      errors: [{ message: 'cohort is full', path: ['fail'], extensions: { code: 'CONFLICT' } }],
    });

    const bad = await post(`mutation { fail(input: { code: "BAD_USER_INPUT" }) }`, pm);
    expect(bad.body.errors).toEqual([
      {
        message: 'capacity: must be at least 1; milestones[0].dueWeek: must be within the program (1–12)',
        path: ['fail'],
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'capacity', message: 'must be at least 1' },
            { field: 'milestones[0].dueWeek', message: 'must be within the program (1–12)' },
          ],
        },
      },
    ]);

    const missing = await post(`mutation { fail(input: { code: "NOT_FOUND" }) }`, pm);
    expect(missing.body.errors?.[0]).toMatchObject({
      message: 'Cohort c-404 was not found',
      extensions: { code: 'NOT_FOUND' },
    });

    const intern = await post(`mutation { fail(input: { code: "CONFLICT" }) }`, await bearer('intern-1', ['INTERN']));
    expect(intern.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('passes codes through when the subgraph also returned data, and from entity fields of another subgraph', async () => {
    const pm = await bearer('pm-1', ['PROGRAM_MANAGER']);
    const stale = await post(`{ staleRead whoami { sub } }`, pm);
    expect(stale.body.data).toEqual({ staleRead: null, whoami: { sub: 'pm-1' } });
    expect(stale.body.errors).toEqual([
      { message: 'stale version: reload and retry', path: ['staleRead'], extensions: { code: 'CONFLICT' } },
    ]);

    const entity = await post(`{ widget(id: "3") { name explode } }`, pm);
    expect(entity.body.data).toEqual({ widget: { name: 'widget 3', explode: null } });
    expect(entity.body.errors).toHaveLength(1);
    expect(entity.body.errors?.[0]).toMatchObject({
      message: 'this widget changed meanwhile',
      extensions: { code: 'CONFLICT' },
    });
    // The subgraph's path points into the gateway's `_entities` sub-query: omitted rather than misleading.
    expect(entity.body.errors?.[0]?.path).toBeUndefined();
  });

  it('never leaks an internal error’s message or stack', async () => {
    const res = await post(`mutation { fail(input: { code: "SURPRISE" }) }`, await bearer('pm-1', ['PROGRAM_MANAGER']));
    expect(res.body.errors).toEqual([
      { message: 'Internal server error', path: ['fail'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|alpha\.ts|stack/);
  });

  it('refuses a document that does not validate against the composed schema: 400 with graphql-response+json, 200 with json', async () => {
    const pm = await bearer('pm-1', ['PROGRAM_MANAGER']);
    const res = await post(`{ nope }`, { ...pm, accept: 'application/graphql-response+json' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(res.body).toEqual({
      errors: [
        {
          message: 'Cannot query field "nope" on type "Query".',
          locations: [{ line: 1, column: 3 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
    const legacy = await post(`{ nope }`, pm);
    expect(legacy.status).toBe(200);
    expect(legacy.body.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('limits each user’s mutations with a token bucket: 429 RATE_LIMITED with Retry-After', async () => {
    const limited = await bearer('pm-rate', ['PROGRAM_MANAGER']);
    for (let i = 0; i < 10; i++) {
      const ok = await post(`mutation { fail(input: { code: "CONFLICT" }) }`, limited);
      expect(ok.status).toBe(200);
    }
    const refused = await post(`mutation { fail(input: { code: "CONFLICT" }) }`, limited);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(/^Too many mutations: try again in \d+ s$/),
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
        },
      ],
    });
    // Queries are not limited, and other users have their own bucket.
    expect((await post(`{ whoami { sub } }`, limited)).status).toBe(200);
    expect(
      (await post(`mutation { fail(input: { code: "CONFLICT" }) }`, await bearer('pm-other', ['PROGRAM_MANAGER'])))
        .status,
    ).toBe(200);
  });

  it('refuses an Idempotency-Key it cannot honour (no store) instead of ignoring it', async () => {
    const res = await post(`mutation { fail(input: { code: "CONFLICT" }) }`, {
      ...(await bearer('pm-2', ['PROGRAM_MANAGER'])),
      'idempotency-key': 'k-1',
    });
    expect(res.status).toBe(503);
    expect(res.body.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('serves health without a token, metrics on the ops listener only, and no GraphiQL outside development', async () => {
    expect((await fetch(`${gatewayUrl}/health/live`)).status).toBe(200);
    expect((await fetch(`${gatewayUrl}/metrics`)).status).toBe(404);
    const metrics = await fetch(`http://127.0.0.1:${opsPortOf(opsServerOf(gateway)!)}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('mentorflow_http_request_duration_seconds');
    expect((await fetch(`${gatewayUrl}/graphiql`)).status).toBe(404);
  });

  it('stays ready while a subgraph is down: partial data with SUBGRAPH_UNAVAILABLE naming it, and all of it once it is back', async () => {
    const pm = await bearer('pm-1', ['PROGRAM_MANAGER']);
    const opsUrl = `http://127.0.0.1:${opsPortOf(opsServerOf(gateway)!)}`;
    const subgraphUp = async (name: string) =>
      new RegExp(`^mentorflow_gateway_subgraph_up\\{[^}]*subgraph="${name}"[^}]*\\} (\\d)$`, 'm').exec(
        await (await fetch(`${opsUrl}/metrics`)).text(),
      )?.[1];
    expect(await subgraphUp('beta')).toBe('1');

    await beta!.close();
    beta = undefined;
    const res = await post(`{ widget(id: "5") { name label } }`, pm);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ widget: { name: 'widget 5', label: null } });
    expect(res.body.errors).toEqual([
      {
        message: subgraphUnavailableMessage('beta'),
        path: ['widget', 'label'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'beta' },
      },
    ]);
    // A query beta has no part in answers as before.
    expect((await post(`{ whoami { sub } }`, pm)).body).toEqual({ data: { whoami: { sub: 'pm-1' } } });
    const down = await eventually(
      async () => {
        const ready = await fetch(`${gatewayUrl}/health/ready`);
        const body = (await ready.json()) as { subgraphs?: Record<string, string> };
        return body.subgraphs?.beta === 'down' ? { status: ready.status, body } : undefined;
      },
      { timeoutMs: 5_000, what: 'the gateway to report beta down' },
    );
    expect(down).toEqual({
      status: 200,
      body: { status: 'ok', service: 'gateway', checks: { schema: true }, subgraphs: { alpha: 'up', beta: 'down' } },
    });
    expect(await subgraphUp('beta')).toBe('0');
    expect(await subgraphUp('alpha')).toBe('1');

    // Back on the same address: answered in full again, without restarting the gateway.
    beta = createBeta(seenByBeta);
    await beta.listen({ port: betaPort, host: '127.0.0.1' });
    expect((await post(`{ widget(id: "5") { name label } }`, pm)).body).toEqual({
      data: { widget: { name: 'widget 5', label: 'label of 5' } },
    });
    await eventually(async () => ((await subgraphUp('beta')) === '1' ? true : undefined), {
      timeoutMs: 5_000,
      what: 'the gauge to show beta up again',
    });
  });
});
