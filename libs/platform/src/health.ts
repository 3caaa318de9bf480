import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';

export type ReadinessCheck = () => Promise<boolean>;

let defaultsCollected = false;

/** Request rate and latency of every route but the operational ones (probes would drown the traffic). */
const httpDuration = new Histogram({
  name: 'mentorflow_http_request_duration_seconds',
  help: 'HTTP request latency by route and status (health probes and /metrics excluded)',
  labelNames: ['method', 'route', 'status'],
  // Fine around the 50 ms p99 target of the gateway.
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.035, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/** Routes left out of the request histogram. */
export const OPERATIONAL_ROUTES: ReadonlySet<string> = new Set(['/metrics', '/health/live', '/health/ready']);

/**
 * `/health/live` (the process answers), `/health/ready` (every named check passes: database,
 * Kafka, …; 503 with the failing ones otherwise) and `/metrics` in Prometheus text format, plus
 * request rate and latency for every route.
 */
export function registerHealthAndMetrics(app: FastifyInstance, service: string, checks: Record<string, ReadinessCheck>): void {
  if (!defaultsCollected) {
    register.setDefaultLabels({ service });
    collectDefaultMetrics();
    defaultsCollected = true;
  }
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unknown';
    if (OPERATIONAL_ROUTES.has(route)) return;
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/health/live', async () => ({ status: 'ok', service }));
  app.get('/health/ready', async (_request, reply) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
    );
    const failing = results.filter(([, ok]) => !ok).map(([name]) => name);
    reply.code(failing.length ? 503 : 200);
    return { status: failing.length ? 'unavailable' : 'ok', service, checks: Object.fromEntries(results) };
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', register.contentType);
    return register.metrics();
  });
}
