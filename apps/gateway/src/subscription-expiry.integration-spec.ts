import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { createClient, type Client } from 'graphql-ws';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { resolveAuthSettings } from '#platform';
import { testLogger } from '#testing';
import { startGateway } from './bootstrap.js';
import type { CohortActivityRecord, LiveNotifications } from './notifications/live/live-notifications.js';
import { UNAUTHORIZED_CLOSE_CODE } from './subscriptions.js';
import { testGatewayConfig } from './testing/gateway-config.js';

// A subscription socket is closed (4401, graphql-ws `Unauthorized`) when its token expires,
// however the token came: in connection_init or on the upgrade request. The gateway runs in
// process in front of a small subgraph that declares the `cohortActivity` subscription; the
// gateway serves it itself (patchLiveSubscriptions) from a fake LiveNotifications that delivers
// one activity every 100 ms.

const config = testGatewayConfig({ SUBGRAPH_WAIT_MS: '5000' });
const secret = resolveAuthSettings(config).secret!;

const subgraphSchema = `
  extend type Query { ping: String }
  type CohortActivity {
    eventId: ID!
    type: String!
    name: String!
    cohortId: ID!
    subject: String!
    internId: ID
    occurredAt: String!
    summary: String!
  }
  type Subscription { cohortActivity(cohortId: ID!): CohortActivity! }
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every 100 ms one activity of the cohort, until the subscription ends. */
async function* activityEvery100ms(cohortId: string): AsyncGenerator<CohortActivityRecord> {
  for (let i = 0; ; i++) {
    await sleep(100);
    yield {
      eventId: `e-${i}`,
      type: 'mentorflow.cohorts.InternEnrolled.v1',
      name: 'InternEnrolled',
      cohortId,
      subject: `intern-${i}`,
      internId: `intern-${i}`,
      occurredAt: new Date(),
      summary: `intern ${i} enrolled`,
    };
  }
}

const fakeLive = {
  cohortActivity: (cohortId: string) => activityEvery100ms(cohortId),
  notifications: () => activityEvery100ms('none'),
} as unknown as LiveNotifications;

/** A program manager's token that expires `seconds` from now (to the second, as `exp` is). */
function tokenExpiringIn(seconds: number): Promise<{ token: string; expiresAt: number }> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['PROGRAM_MANAGER'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('pm-expiry')
    .setIssuedAt(now)
    .setExpirationTime(now + seconds)
    .sign(new TextEncoder().encode(secret))
    .then((token) => ({ token, expiresAt: (now + seconds) * 1000 }));
}

let subgraph: FastifyInstance;
let gateway: NestFastifyApplication;
let wsUrl: string;
const clients: Client[] = [];

beforeAll(async () => {
  subgraph = Fastify();
  subgraph.get('/health/ready', async () => ({ status: 'ok' }));
  void subgraph.register(mercuriusFederationPlugin, {
    schema: subgraphSchema,
    resolvers: { Query: { ping: () => 'pong' } } as never,
  });
  await subgraph.listen({ port: 0, host: '127.0.0.1' });
  const port = (subgraph.server.address() as AddressInfo).port;
  gateway = await startGateway(config, testLogger(), [{ name: 'live', url: `http://127.0.0.1:${port}/graphql` }], {
    live: fakeLive,
  });
  wsUrl = `ws://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await gateway?.close();
  await subgraph?.close();
});

interface Watched {
  /** Activities received, with when. */
  received: { at: number; eventId: string }[];
  /** How the socket closed (graphql-ws reports the close event), and when. */
  closed?: { code: number; reason: string; at: number };
  errors: unknown[];
}

/** Subscribes to cohortActivity on a new socket and records what arrives and how the socket ends. */
function watch(options: { connectionToken?: string; upgradeToken?: string }): Watched {
  const watched: Watched = { received: [], errors: [] };
  const { upgradeToken } = options;
  // Node clients (unlike browsers) can send Authorization on the upgrade request itself.
  const webSocketImpl = upgradeToken
    ? class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { authorization: `Bearer ${upgradeToken}` } });
        }
      }
    : WebSocket;
  const client = createClient({
    url: wsUrl,
    webSocketImpl,
    retryAttempts: 0,
    lazy: true,
    connectionParams: options.connectionToken ? { authorization: `Bearer ${options.connectionToken}` } : {},
    on: {
      closed: (event) => {
        const e = event as { code: number; reason: string };
        watched.closed = { code: e.code, reason: String(e.reason), at: Date.now() };
      },
    },
  });
  clients.push(client);
  client.subscribe<{ cohortActivity: { eventId: string } }>(
    { query: 'subscription { cohortActivity(cohortId: "c-1") { eventId cohortId occurredAt } }' },
    {
      next: (result) => {
        if (result.data) watched.received.push({ at: Date.now(), eventId: result.data.cohortActivity.eventId });
        if (result.errors) watched.errors.push(...result.errors);
      },
      error: (err) => watched.errors.push(err),
      complete: () => undefined,
    },
  );
  return watched;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

describe('subscription socket and token expiry', () => {
  it.each([
    ['in connection_init', (token: string) => ({ connectionToken: token })],
    ['on the upgrade request', (token: string) => ({ upgradeToken: token })],
  ])(
    'closes the socket with 4401 when its token (%s) expires, while a socket with a longer token keeps receiving',
    async (_how, options) => {
      const short = await tokenExpiringIn(2);
      const long = await tokenExpiringIn(3600);
      const expiring = watch(options(short.token));
      const lasting = watch(options(long.token));

      await until(() => expiring.received.length > 0 && lasting.received.length > 0, 5_000);
      expect(expiring.closed).toBeUndefined();

      await until(() => expiring.closed !== undefined, short.expiresAt - Date.now() + 3_000);
      expect(expiring.closed).toMatchObject({
        code: UNAUTHORIZED_CLOSE_CODE,
        reason: expect.stringMatching(/expired/),
      });
      expect(UNAUTHORIZED_CLOSE_CODE).toBe(4401);
      // Not before the token's exp, and promptly after it.
      expect(expiring.closed!.at).toBeGreaterThanOrEqual(short.expiresAt - 50);
      expect(expiring.closed!.at).toBeLessThan(short.expiresAt + 1_500);
      // Nothing was delivered after exp.
      expect(expiring.received.every((r) => r.at <= short.expiresAt + 50)).toBe(true);
      expect(expiring.errors).toEqual([expect.objectContaining({ code: 4401 })]);

      // The other socket is still open and receiving.
      const count = lasting.received.length;
      await until(() => lasting.received.length > count + 2, 3_000);
      expect(lasting.closed).toBeUndefined();
    },
    20_000,
  );
});
