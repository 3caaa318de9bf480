import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { CORRELATION_HEADER } from '#platform';
import type { GatewayConfig } from '../config.js';
import { SERVICE_UNAVAILABLE_MESSAGE } from '../gateway-errors.js';
import { errorBody } from '../http/graphql-http.js';
import { CALENDAR_FEED_ROUTE } from '../http/routes.js';
import { requestState } from '../http-hooks.js';
import { RateLimiter } from '../limits/rate-limiter.js';

/**
 * Calendar feeds on the gateway's public port: `GET /calendar/<token>.ics`, the URL that
 * `createCalendarFeed` answers. Calendar apps send no headers, so the feed's own token (a random
 * secret of 256 bits, not an API token: it reads one calendar and nothing else) is the whole
 * credential; the gateway asks no Authorization of this route and forwards none. It relays the
 * cohorts service's internal `GET /calendar-feeds/<token>.ics` (on COHORTS_URL's origin), which
 * looks the token up by its SHA-256 and renders its owner's calendar.
 *
 *  - a malformed, unknown or revoked token answers 404 with the same body as any path the
 *    gateway does not serve: nothing tells them apart;
 *  - each feed may be fetched `FEED_FETCH_BURST` times at once and `FEED_FETCHES_PER_MINUTE`
 *    times a minute (429 beyond; calendar apps poll every few minutes to hours);
 *  - the cohorts service unreachable, slow or failing: 502 SERVICE_UNAVAILABLE, nothing of its
 *    answer passed on.
 */

/** Where calendar feed URLs point: `<PUBLIC_URL>/calendar/<token>.ics`. Sent to the subgraphs in this header. */
export const PUBLIC_URL_HEADER = 'x-mentorflow-public-url';

export const FEED_FETCH_BURST = 30;
export const FEED_FETCHES_PER_MINUTE = 60;
const UPSTREAM_TIMEOUT_MS = 10_000;

/** A feed token: 32 random bytes, base64url (as the cohorts service makes them). */
const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const notFoundBody = errorBody('Not found', 'NOT_FOUND');

/** The gateway's public base URL: PUBLIC_URL, else its own `http://127.0.0.1:<PORT>`. */
export function publicUrl(config: Pick<GatewayConfig, 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/+$/, '');
}

/** The headers every subgraph call carries besides the forwarded ones: the public URL, set by the gateway only. */
export function publicUrlHeaders(config: Pick<GatewayConfig, 'PUBLIC_URL' | 'PORT'>): OutgoingHttpHeaders {
  return { [PUBLIC_URL_HEADER]: publicUrl(config) };
}

export interface CalendarFeedRouteOptions {
  /** The cohorts subgraph's URL (COHORTS_URL): the internal feed route is resolved against it. */
  cohortsUrl: string;
  logger: Logger;
  /** How long the cohorts service may take (default 10 s). */
  timeoutMs?: number;
  /** Per-feed limit (default FEED_FETCH_BURST, FEED_FETCHES_PER_MINUTE). */
  rateLimiter?: RateLimiter;
}

/** Registers `GET /calendar/:file` (HEAD too, as Fastify derives it); the route must be public (http/routes.ts). */
export function installCalendarFeedRoute(app: FastifyInstance, options: CalendarFeedRouteOptions): void {
  const log = options.logger.child({ component: 'calendar-feeds' });
  const limiter =
    options.rateLimiter ?? new RateLimiter({ burst: FEED_FETCH_BURST, perMinute: FEED_FETCHES_PER_MINUTE });
  const timeoutMs = options.timeoutMs ?? UPSTREAM_TIMEOUT_MS;

  app.get(CALENDAR_FEED_ROUTE, async (request: FastifyRequest, reply: FastifyReply) => {
    const { file } = request.params as { file?: string };
    const token = file?.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    if (!FEED_TOKEN.test(token)) return reply.code(404).send(notFoundBody);
    // Keyed by a hash: the limiter never holds a secret.
    const decision = limiter.take(createHash('sha256').update(token).digest('base64url'));
    if (!decision.allowed) {
      return reply
        .code(429)
        .header('retry-after', String(decision.retryAfterSeconds))
        .send(errorBody('This calendar feed is fetched too often', 'RATE_LIMITED'));
    }
    const correlationId = requestState(request)?.correlationId;
    const unavailable = (detail: Record<string, unknown>) => {
      log.warn({ correlationId, ...detail }, 'calendar feed: the cohorts service did not serve it');
      return reply.code(502).send(errorBody(SERVICE_UNAVAILABLE_MESSAGE, 'SERVICE_UNAVAILABLE'));
    };
    let body: string;
    let disposition: string | null;
    try {
      const upstream = await fetch(new URL(`calendar-feeds/${token}.ics`, options.cohortsUrl), {
        headers: { accept: 'text/calendar', ...(correlationId ? { [CORRELATION_HEADER]: correlationId } : {}) },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (upstream.status !== 200) {
        await upstream.body?.cancel();
        return upstream.status === 404 ? reply.code(404).send(notFoundBody) : unavailable({ status: upstream.status });
      }
      disposition = upstream.headers.get('content-disposition');
      body = await upstream.text();
    } catch (err) {
      return unavailable({ err: (err as Error).message });
    }
    return reply
      .code(200)
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', disposition ?? 'inline; filename="mentorflow.ics"')
      .header('cache-control', 'private, max-age=300')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  });
}
