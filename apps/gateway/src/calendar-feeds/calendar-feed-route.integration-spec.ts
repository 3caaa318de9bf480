import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TokenVerifier } from '#auth';
import { DEV_JWT_SECRET } from '#platform';
import { signTestToken, testLogger } from '#testing';
import { installGatewayHooks } from '../http-hooks.js';
import { RateLimiter } from '../limits/rate-limiter.js';
import { installCalendarFeedRoute, publicUrl, publicUrlHeaders, PUBLIC_URL_HEADER } from './calendar-feed-route.js';

// The gateway's public `GET /calendar/<token>.ics` with its real hooks (deny by default,
// authentication), relaying to a stand-in for the cohorts service's internal feed route over HTTP.

const token = (c: string) => c.repeat(43);
const GOOD = token('a');
const GONE = token('g');
const FAILING = token('f');
const SLOW = token('s');
const LIMITED = token('l');
const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';

let upstream: FastifyInstance;
let gateway: FastifyInstance;
const seen: { url: string; headers: Record<string, unknown> }[] = [];

beforeAll(async () => {
  upstream = Fastify();
  upstream.get('/calendar-feeds/:file', async (request, reply) => {
    seen.push({ url: request.url, headers: request.headers });
    const file = (request.params as { file: string }).file;
    if (file === `${GOOD}.ics` || file === `${LIMITED}.ics`) {
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="mentorflow.ics"')
        .header('x-internal', 'not for clients')
        .send(ICS);
    }
    if (file === `${FAILING}.ics`) return reply.code(500).send({ message: 'stack trace at cohorts:42' });
    if (file === `${SLOW}.ics`) {
      await new Promise((r) => setTimeout(r, 1500));
      return reply.send(ICS);
    }
    return reply.code(404).send({ message: 'Not Found', statusCode: 404 });
  });
  await upstream.listen({ host: '127.0.0.1', port: 0 });
  const { port } = upstream.server.address() as AddressInfo;

  gateway = Fastify();
  const secret = process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET;
  installGatewayHooks(gateway, new TokenVerifier({ secret }), testLogger());
  installCalendarFeedRoute(gateway, {
    cohortsUrl: `http://127.0.0.1:${port}/graphql`,
    logger: testLogger(),
    timeoutMs: 500,
    rateLimiter: new RateLimiter({ burst: 2, perMinute: 1 }),
  });
  await gateway.ready();
});

afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => gateway.inject({ method: 'GET', url, headers });

describe('GET /calendar/<token>.ics on the gateway', () => {
  it("relays the cohorts service's calendar with no Authorization, forwarding none and only the correlation id", async () => {
    seen.length = 0;
    const apiToken = await signTestToken({ sub: 'intern-1', roles: ['INTERN'] });
    const res = await get(`/calendar/${GOOD}.ics`, {
      authorization: `Bearer ${apiToken}`,
      'x-correlation-id': 'feed-1',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(ICS);
    expect(res.headers).toMatchObject({
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="mentorflow.ics"',
      'cache-control': 'private, max-age=300',
      'referrer-policy': 'no-referrer',
    });
    expect(res.headers['x-internal']).toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`/calendar-feeds/${GOOD}.ics`);
    expect(seen[0]!.headers.authorization).toBeUndefined();
    expect(seen[0]!.headers['x-correlation-id']).toBe('feed-1');
    expect((await get(`/calendar/${GOOD}.ics`)).statusCode).toBe(200); // no header at all
  });

  it('answers a malformed, unknown or revoked token 404 exactly like a path the gateway does not serve', async () => {
    seen.length = 0;
    const nothing = await get('/no-such-path');
    expect(nothing.statusCode).toBe(404);
    for (const url of [
      `/calendar/${GONE}.ics`,
      `/calendar/${GOOD}`,
      `/calendar/${GOOD}.ical`,
      `/calendar/${GOOD.slice(1)}.ics`,
      `/calendar/..%2F..%2Fgraphql.ics`,
      `/calendar/${'a'.repeat(42)}%2F.ics`,
    ]) {
      const res = await get(url);
      expect({ url, status: res.statusCode, body: res.body }).toEqual({ url, status: 404, body: nothing.body });
    }
    // Only the well-formed unknown token reached the cohorts service.
    expect(seen.map((s) => s.url)).toEqual([`/calendar-feeds/${GONE}.ics`]);
  });

  it('answers 502 SERVICE_UNAVAILABLE when the cohorts service fails or is too slow, passing nothing of it on', async () => {
    for (const t of [FAILING, SLOW]) {
      const res = await get(`/calendar/${t}.ics`);
      expect(res.statusCode).toBe(502);
      expect(res.json()).toEqual({
        errors: [{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      });
      expect(res.body).not.toContain('stack trace');
    }
  });

  it('limits how often one feed is fetched (429 with Retry-After), other feeds unaffected', async () => {
    expect((await get(`/calendar/${LIMITED}.ics`)).statusCode).toBe(200);
    expect((await get(`/calendar/${LIMITED}.ics`)).statusCode).toBe(200);
    const limited = await get(`/calendar/${LIMITED}.ics`);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await get(`/calendar/${GONE}.ics`)).statusCode).toBe(404);
  });

  it('tells the subgraphs its public URL: PUBLIC_URL, else its own address', () => {
    expect(publicUrl({ PUBLIC_URL: 'https://mentorflow.example.com/', PORT: 4000 })).toBe(
      'https://mentorflow.example.com',
    );
    expect(publicUrlHeaders({ PUBLIC_URL: undefined, PORT: 4100 })).toEqual({
      [PUBLIC_URL_HEADER]: 'http://127.0.0.1:4100',
    });
  });
});
