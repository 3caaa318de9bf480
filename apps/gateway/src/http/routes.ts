import type { IncomingHttpHeaders } from 'node:http';
import { GRAPHIQL_ASSET_ROUTES } from '../graphiql/graphiql-page.js';

/**
 * Which route a request is for, and whether the public port serves it.
 *
 * Every gateway hook (authentication, the mutation gate, the request log, media types) decides by
 * the route Fastify matched — the pattern it registered, e.g. `/graphql` — and never by the raw
 * `request.url`: Fastify routes the decoded path (`/graphq%6C`, `/%67raphql`), stops at `?`,
 * `;` or `#`, and may be configured to ignore case or a trailing slash, so the raw URL of a
 * request that reaches the GraphQL handler can be spelled many ways. The matched route cannot.
 */

/** What of a Fastify request the route decision reads (a FastifyRequest, or a test double). */
export interface RoutedRequest {
  /** True when no route matched (Fastify's not-found handler answers). */
  readonly is404: boolean;
  readonly routeOptions: { readonly url?: string };
}

/** The route pattern Fastify matched for this request; undefined when none did. */
export function matchedRoute(request: RoutedRequest): string | undefined {
  return request.is404 ? undefined : request.routeOptions.url;
}

/** GraphiQL's page and assets (graphiql/graphiql-page.ts registers them only where GraphiQL is enabled). */
export const GRAPHIQL_ROUTES: readonly string[] = GRAPHIQL_ASSET_ROUTES;

/**
 * Health stays on the public port as well as on the ops listener: load balancers in front of the
 * gateway and the kubelet probe the port that serves the traffic. `/metrics` is served only by the
 * ops listener (OPS_PORT, see `bootstrapService` in #platform), which the public Service does not
 * expose; were it registered here, it would still answer 404.
 */
export const HEALTH_ROUTES: readonly string[] = ['/health/live', '/health/ready'];

/**
 * Calendar feeds (`GET /calendar/<token>.ics`, see calendar-feeds/calendar-feed-route.ts): no
 * Authorization, the feed's own token in the path is the credential.
 */
export const CALENDAR_FEED_ROUTE = '/calendar/:file';

/**
 * CSV exports for program managers (see exports/export-routes.ts): their own bearer-token check,
 * as on /graphql.
 */
export const EXPORT_INTERNS_ROUTE = '/exports/cohorts/:id/interns.csv';
export const EXPORT_REPORT_ROUTE = '/exports/cohorts/:id/report.csv';
export const EXPORT_ROUTES: readonly string[] = [EXPORT_INTERNS_ROUTE, EXPORT_REPORT_ROUTE];

/**
 * The cohort report page (see reports/report-route.ts): a PM's bearer header, or a share link's
 * own token in `?link=`.
 */
export const REPORT_PAGE_ROUTE = '/reports/cohorts/:id';

/**
 * Deny by default: the routes the gateway's public port answers. Any other route — one a Nest
 * controller, a plugin or a later change registers, `/metrics` included — answers 404 like a path
 * that does not exist.
 */
export function isPublicRoute(route: string | undefined, graphqlPath: string): boolean {
  if (route === undefined) return false;
  return (
    route === graphqlPath ||
    GRAPHIQL_ROUTES.includes(route) ||
    HEALTH_ROUTES.includes(route) ||
    route === CALENDAR_FEED_ROUTE ||
    EXPORT_ROUTES.includes(route) ||
    route === REPORT_PAGE_ROUTE
  );
}

/** What of a request the websocket decision reads. */
export interface HandshakeRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** `request.raw`, the IncomingMessage. */
  readonly raw: object;
}

/**
 * Whether Node handed this request to the server's `upgrade` listeners (the websocket plugin)
 * rather than to its `request` listeners: it sets `IncomingMessage.upgrade` then (untyped in @types/node).
 */
export function arrivedAsUpgrade(raw: object): boolean {
  return (raw as { upgrade?: unknown }).upgrade === true;
}

function headerTokens(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * A real websocket handshake: a GET with `Upgrade: websocket` and `Connection: upgrade` that Node
 * dispatched as an upgrade (so the websocket server, not an HTTP handler, answers it). Its token
 * may come in graphql-ws `connection_init` instead of a header. An `Upgrade` header on anything
 * else — a POST, a GET that Node handled as a plain request — is a plain HTTP request.
 */
export function isWebSocketHandshake(request: HandshakeRequest): boolean {
  return (
    request.method === 'GET' &&
    arrivedAsUpgrade(request.raw) &&
    headerTokens(request.headers.upgrade).includes('websocket') &&
    headerTokens(request.headers.connection).includes('upgrade')
  );
}
