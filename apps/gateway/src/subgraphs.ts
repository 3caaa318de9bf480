import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ReadinessCheck } from '#platform';
import type { SubgraphEndpoint } from './config.js';

const PROBE_TIMEOUT_MS = 2_000;

/** True when the subgraph answers its federation SDL query (`_service { sdl }`). */
export async function subgraphAnswers(endpoint: SubgraphEndpoint): Promise<boolean> {
  try {
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    if (!res.ok) return false;
    const body = (await res.json()) as { data?: { _service?: { sdl?: unknown } } };
    return typeof body.data?._service?.sdl === 'string';
  } catch {
    return false;
  }
}

export class NoSubgraphError extends Error {}

/**
 * Waits until every subgraph answers, or `timeoutMs` has passed and at least one does; returns
 * those that are still missing (they join later through the gateway's retries and polling).
 * Mercurius cannot compose a schema from nothing, so with none answering the gateway cannot start.
 */
export async function waitForSubgraphs(
  endpoints: SubgraphEndpoint[],
  options: { timeoutMs: number; intervalMs?: number; logger: Logger },
): Promise<SubgraphEndpoint[]> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 500;
  let missing = endpoints;
  let reported = false;
  for (;;) {
    const answers = await Promise.all(missing.map(subgraphAnswers));
    missing = missing.filter((_, i) => !answers[i]);
    if (missing.length === 0) return [];
    if (Date.now() >= deadline) {
      if (missing.length < endpoints.length) return missing;
      throw new NoSubgraphError(
        `no subgraph answered within ${options.timeoutMs} ms: ${endpoints.map((e) => `${e.name} (${e.url})`).join(', ')}`,
      );
    }
    if (!reported) {
      options.logger.info({ waitingFor: missing.map((e) => e.name) }, 'waiting for subgraphs');
      reported = true;
    }
    await new Promise((r) => setTimeout(r, Math.min(interval, Math.max(0, deadline - Date.now()))));
  }
}

/** The subgraph's readiness URL: /health/ready on the origin of its GraphQL endpoint. */
export function readinessUrl(endpoint: SubgraphEndpoint): string {
  return new URL('/health/ready', endpoint.url).toString();
}

interface GatewayServiceMap {
  serviceMap?: Record<string, { schemaDefinition?: string }>;
}

/**
 * The gateway's readiness: one check per subgraph, passing when the subgraph reports itself ready
 * (its /health/ready answers 200: database and Kafka) and its schema is part of the gateway's.
 */
export function subgraphReadiness(
  endpoints: SubgraphEndpoint[],
  gateway: () => FastifyInstance,
): Record<string, ReadinessCheck> {
  return Object.fromEntries(
    endpoints.map((endpoint) => [
      endpoint.name,
      // Health is public: however often it is asked, each subgraph is probed at most once a second.
      sharedFor(READINESS_REUSE_MS, async () => {
        const composed = (gateway() as unknown as { graphqlGateway?: GatewayServiceMap }).graphqlGateway?.serviceMap?.[
          endpoint.name
        ];
        if (!composed?.schemaDefinition) return false;
        const res = await fetch(readinessUrl(endpoint), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await res.body?.cancel();
        return res.status === 200;
      }),
    ]),
  );
}

/** How long one readiness answer of a subgraph is reused. */
export const READINESS_REUSE_MS = 1_000;

/**
 * `check`, run at most once per `ttlMs`: callers within that time (and while it runs) share its
 * answer. A failed run (an exception) is not kept.
 */
export function sharedFor<T>(ttlMs: number, check: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let last: { at: number; result: Promise<T> } | undefined;
  return () => {
    if (last && now() - last.at < ttlMs) return last.result;
    const result = check();
    const entry = { at: now(), result };
    last = entry;
    result.catch(() => {
      if (last === entry) last = undefined;
    });
    return result;
  };
}
