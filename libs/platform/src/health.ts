import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';
import { traceRequests } from './tracing/http-server.js';

export type ReadinessCheck = () => Promise<boolean>;

/**
 * What a readiness answer reports beyond its checks, without deciding it: merged into the body
 * (the gateway's `subgraphs`). Must not throw.
 */
export type ReadinessReport = () => Promise<Record<string, unknown>>;

let defaultsCollected = false;

/** Request rate and latency of every route but the operational ones (probes would drown the traffic). */
const httpDuration = new Histogram({
  name: 'mentorflow_http_request_duration_seconds',
  help: 'HTTP request latency by route and status (health probes and /metrics excluded)',
  labelNames: ['method', 'route', 'status'],
  // Fine around the 50 ms p99 target of the gateway.
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.035, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

export const METRICS_PATH = '/metrics';
export const HEALTH_PATHS: readonly string[] = ['/health/live', '/health/ready'];

/** Routes left out of the request histogram. */
export const OPERATIONAL_ROUTES: ReadonlySet<string> = new Set([METRICS_PATH, ...HEALTH_PATHS]);

/** The process metrics (memory, event loop, …) with the service's name on every series; once per process. */
function collectDefaults(service: string): void {
  if (defaultsCollected) return;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
  defaultsCollected = true;
}

/**
 * Observes the rate and latency of every route of `app` but the operational ones, and, when
 * tracing is on, gives each of their requests a server span (`traceRequests`). Call it before
 * the routes are added.
 */
export function observeRequests(app: FastifyInstance): void {
  traceRequests(app, OPERATIONAL_ROUTES);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unknown';
    if (OPERATIONAL_ROUTES.has(route)) return;
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}

/**
 * `/health/live` (the process answers) and `/health/ready` (every named check passes: database,
 * Kafka, …; 503 with the failing ones otherwise). Registered on the public port too: load
 * balancers, the kubelet and the gateway (it checks each subgraph's `/health/ready` beside its
 * GraphQL endpoint) probe the port that serves the traffic. The answer names only the checks,
 * and what `report` adds (informational: it never makes the answer 503).
 */
export function registerHealth(
  app: FastifyInstance,
  service: string,
  checks: Record<string, ReadinessCheck>,
  report?: ReadinessReport,
): void {
  app.get('/health/live', async () => ({ status: 'ok', service }));
  app.get('/health/ready', async (_request, reply) => {
    const [results, extra] = await Promise.all([
      Promise.all(
        Object.entries(checks).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
      ),
      report ? report().catch(() => ({})) : Promise.resolve({}),
    ]);
    const failing = results.filter(([, ok]) => !ok).map(([name]) => name);
    reply.code(failing.length ? 503 : 200);
    return { status: failing.length ? 'unavailable' : 'ok', service, checks: Object.fromEntries(results), ...extra };
  });
}

/** `/metrics` in Prometheus text format: only on the ops listener, never on a public port. */
export function registerMetrics(app: FastifyInstance, service: string): void {
  collectDefaults(service);
  app.get(METRICS_PATH, async (_request, reply) => {
    reply.header('content-type', register.contentType);
    return register.metrics();
  });
}

/**
 * The ops listener of a service, not yet listening: `/metrics`, `/health/live` and
 * `/health/ready`, and nothing else (any other path answers 404). It serves the same process
 * registry and the same readiness checks as the public port.
 */
export function createOpsServer(
  service: string,
  checks: Record<string, ReadinessCheck>,
  report?: ReadinessReport,
): FastifyInstance {
  const ops = Fastify({ logger: false });
  registerHealth(ops, service, checks, report);
  registerMetrics(ops, service);
  return ops;
}

/** Starts the ops listener on host:port (OPS_HOST/OPS_PORT, see `opsListenAddress`). */
export async function startOpsServer(options: {
  service: string;
  checks: Record<string, ReadinessCheck>;
  report?: ReadinessReport;
  host: string;
  port: number;
  logger?: Logger;
}): Promise<FastifyInstance> {
  const ops = createOpsServer(options.service, options.checks, options.report);
  try {
    await ops.listen({ host: options.host, port: options.port });
  } catch (err) {
    await ops.close().catch(() => undefined);
    throw err;
  }
  options.logger?.info(
    { url: `http://${options.host}:${opsPortOf(ops)}${METRICS_PATH}` },
    'ops listening (metrics, health)',
  );
  return ops;
}

/** The port a started ops listener is bound to (the one chosen by the system when OPS_PORT was 0). */
export function opsPortOf(ops: FastifyInstance): number {
  const address = ops.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}
