import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  arrivedAsUpgrade,
  GRAPHIQL_ROUTES,
  isPublicRoute,
  isWebSocketHandshake,
  matchedRoute,
  type HandshakeRequest,
} from './routes.js';

// The gateway's hooks decide by the route Fastify matched. These pin down what Fastify (with the
// router options Nest's FastifyAdapter gives it, as the gateway runs) matches for each spelling
// of a URL, and that the raw URL would have told them otherwise.

describe('matchedRoute (Fastify as the gateway configures it)', () => {
  let app: FastifyInstance;
  const seen: { url: string; route: string | undefined }[] = [];

  beforeAll(async () => {
    app = new FastifyAdapter().getInstance() as unknown as FastifyInstance;
    app.addHook('onRequest', async (request) => {
      seen.push({ url: request.url, route: matchedRoute(request) });
    });
    app.route({ method: ['GET', 'POST'], url: '/graphql', handler: async () => ({ ok: true }) });
    app.get('/health/live', async () => ({ ok: true }));
    await app.ready();
  });

  afterAll(() => app.close());

  async function routeOf(method: 'GET' | 'POST' | 'HEAD', url: string) {
    seen.length = 0;
    await app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
    expect(seen).toHaveLength(1);
    return seen[0]!;
  }

  it.each([
    '/graphql',
    '/graphq%6C',
    '/%67raphql',
    '/%67%72%61%70%68%71%6c',
    '/graphql?x',
    '/graphql?query=%7B%20__typename%20%7D',
    '/graphq%6C?x=1',
  ])('%s is the /graphql route, whatever its raw URL says', async (url) => {
    for (const method of ['GET', 'POST', 'HEAD'] as const) {
      const { url: raw, route } = await routeOf(method, url);
      expect(route).toBe('/graphql');
      expect(raw).toBe(url);
    }
  });

  it.each(['/GraphQL', '/GRAPHQL', '/graphql/', '//graphql', '/graphql%2F', '/graphql;x', '/nope'])(
    '%s matches no route (case-sensitive, no trailing slash, no duplicate slashes)',
    async (url) => {
      expect((await routeOf('POST', url)).route).toBeUndefined();
    },
  );

  it('takes its router options from the adapter: case-sensitive, trailing slash and duplicate slashes significant', () => {
    expect(app.initialConfig).toMatchObject({
      caseSensitive: true,
      ignoreTrailingSlash: false,
      ignoreDuplicateSlashes: false,
      useSemicolonDelimiter: false,
    });
  });

  it('is undefined for a request that matched nothing, even if a route pattern is at hand', () => {
    expect(matchedRoute({ is404: true, routeOptions: { url: '/graphql' } })).toBeUndefined();
    expect(matchedRoute({ is404: false, routeOptions: { url: '/graphql' } })).toBe('/graphql');
  });
});

describe('isPublicRoute (deny by default on the public port)', () => {
  it('serves the GraphQL endpoint, the page and assets of GraphiQL (where it is enabled), health, calendar feeds and CSV exports', () => {
    for (const route of [
      '/graphql',
      ...GRAPHIQL_ROUTES,
      '/health/live',
      '/health/ready',
      '/calendar/:file',
      '/exports/cohorts/:id/interns.csv',
      '/exports/cohorts/:id/report.csv',
    ]) {
      expect(isPublicRoute(route, '/graphql')).toBe(true);
    }
  });

  it('refuses /metrics (served by the ops listener only), every other route, and no route', () => {
    for (const route of [
      '/metrics',
      undefined,
      '/',
      '/debug',
      '/health',
      '/graphql/*',
      '/graphiql/*',
      '/admin',
      '/GraphQL',
      '/exports/cohorts/:id',
      '/exports/cohorts/:id/other.csv',
      '',
    ]) {
      expect(isPublicRoute(route, '/graphql')).toBe(false);
    }
  });
});

describe('isWebSocketHandshake', () => {
  const handshake = (overrides: Partial<HandshakeRequest> = {}): HandshakeRequest => ({
    method: 'GET',
    headers: { upgrade: 'websocket', connection: 'Upgrade' },
    raw: { upgrade: true },
    ...overrides,
  });

  it('is a GET with Upgrade: websocket and Connection: upgrade that Node dispatched as an upgrade', () => {
    expect(isWebSocketHandshake(handshake())).toBe(true);
    expect(
      isWebSocketHandshake(handshake({ headers: { upgrade: 'WebSocket', connection: 'keep-alive, Upgrade' } })),
    ).toBe(true);
  });

  it('is not a POST (or any other method) with the same headers', () => {
    for (const method of ['POST', 'HEAD', 'OPTIONS', 'PUT']) {
      expect(isWebSocketHandshake(handshake({ method }))).toBe(false);
    }
  });

  it('is not a request that only carries an Upgrade header, or that Node handled as a plain request', () => {
    expect(isWebSocketHandshake(handshake({ headers: { upgrade: 'websocket' } }))).toBe(false);
    expect(isWebSocketHandshake(handshake({ headers: { upgrade: 'websocket', connection: 'keep-alive' } }))).toBe(
      false,
    );
    expect(isWebSocketHandshake(handshake({ headers: { upgrade: 'h2c', connection: 'upgrade' } }))).toBe(false);
    expect(isWebSocketHandshake(handshake({ raw: {} }))).toBe(false);
    expect(isWebSocketHandshake(handshake({ raw: { upgrade: false } }))).toBe(false);
  });

  it('reads the upgrade flag Node sets on the IncomingMessage, and nothing truthy but true', () => {
    expect(arrivedAsUpgrade({ upgrade: true })).toBe(true);
    expect(arrivedAsUpgrade({ upgrade: 'true' })).toBe(false);
    expect(arrivedAsUpgrade({})).toBe(false);
  });
});
