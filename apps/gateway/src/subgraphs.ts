import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Gauge } from 'prom-client';
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

/** What the gateway knows of one subgraph it federates (its entry in @mercuriusjs/gateway's service map). */
interface ComposedService {
  schemaDefinition?: string;
  sendRequest?: (opts: unknown) => Promise<unknown>;
}

interface GatewayServiceMap {
  serviceMap?: Record<string, ComposedService>;
}

/** The service map of the gateway @mercuriusjs/gateway decorated the Fastify instance with, if it composed one. */
export function composedServices(fastify: FastifyInstance | undefined): Record<string, ComposedService> | undefined {
  return (fastify as unknown as { graphqlGateway?: GatewayServiceMap } | undefined)?.graphqlGateway?.serviceMap;
}

/** True once the gateway serves a composed schema (from at least one subgraph). */
export function hasComposedSchema(fastify: FastifyInstance | undefined): boolean {
  const graphql = (fastify as unknown as { graphql?: { schema?: unknown } } | undefined)?.graphql;
  return !!composedServices(fastify) && !!graphql?.schema;
}

/** A subgraph's state as the gateway reports it: `up` when part of the composed schema and ready. */
export type SubgraphState = 'up' | 'down';

/**
 * `up` when the subgraph's schema is part of the gateway's and it reports itself ready (its
 * /health/ready answers 200: database and Kafka); else `down`.
 */
export async function subgraphState(
  endpoint: SubgraphEndpoint,
  gateway: () => FastifyInstance | undefined,
): Promise<SubgraphState> {
  if (!composedServices(gateway())?.[endpoint.name]?.schemaDefinition) return 'down';
  try {
    const res = await fetch(readinessUrl(endpoint), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body?.cancel();
    return res.status === 200 ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

/** The gateways of this process whose subgraphs the gauge reports (tests run several). */
const monitors = new Set<SubgraphMonitor>();

/**
 * `mentorflow_gateway_subgraph_up{subgraph}`: 1 while a subgraph is up, 0 while down; probed when
 * scraped. Registered in the process registry, which the ops listener's /metrics serves.
 */
new Gauge({
  name: 'mentorflow_gateway_subgraph_up',
  help: 'Whether the gateway sees a subgraph up (composed into its schema and ready): 1 up, 0 down',
  labelNames: ['subgraph'],
  async collect() {
    this.reset();
    for (const monitor of monitors) {
      for (const [subgraph, state] of Object.entries(await monitor.states())) {
        this.set({ subgraph }, state === 'up' ? 1 : 0);
      }
    }
  },
});

/**
 * Each subgraph's state, for the gateway's readiness answer and its gauge. Health is public:
 * however often it is asked, the subgraphs are probed at most once a second; and the answer never
 * waits for a probe but the first (`latestOf`), so a subgraph that accepts connections without
 * answering does not slow the gateway's own readiness past a load balancer's probe timeout.
 */
export class SubgraphMonitor {
  readonly states: () => Promise<Record<string, SubgraphState>>;

  constructor(endpoints: SubgraphEndpoint[], gateway: () => FastifyInstance | undefined) {
    this.states = latestOf(READINESS_REUSE_MS, async () => {
      const states = await Promise.all(endpoints.map((endpoint) => subgraphState(endpoint, gateway)));
      return Object.fromEntries(endpoints.map((endpoint, i) => [endpoint.name, states[i]!]));
    });
  }

  /** Reports its subgraphs on the gauge (until `stop`). */
  start(): void {
    monitors.add(this);
  }

  stop(): void {
    monitors.delete(this);
  }
}

/** Set on an error @mercuriusjs/gateway raised calling a subgraph: the subgraph's name. */
export const FAILED_SUBGRAPH = Symbol('mentorflow.gateway.failedSubgraph');

const NAMED = Symbol('mentorflow.gateway.namesFailures');

/**
 * Makes every failed call to a subgraph say which subgraph it was: each service's `sendRequest`
 * (through which @mercuriusjs/gateway sends root fields, entity fetches and schema fetches) marks
 * the error it throws with FAILED_SUBGRAPH, so the error formatter can name the subgraph
 * (SUBGRAPH_UNAVAILABLE). The service map is built once at start-up, a subgraph missing then
 * included, and kept across schema refreshes, so this runs once, after composition.
 */
export function nameSubgraphFailures(fastify: FastifyInstance): void {
  for (const [name, service] of Object.entries(composedServices(fastify) ?? {})) {
    const send = service.sendRequest;
    if (!send || (send as { [NAMED]?: boolean })[NAMED]) continue;
    const named = async (opts: unknown) => {
      try {
        return await send(opts);
      } catch (err) {
        if (err && typeof err === 'object') (err as { [FAILED_SUBGRAPH]?: string })[FAILED_SUBGRAPH] = name;
        throw err;
      }
    };
    service.sendRequest = Object.assign(named, { [NAMED]: true });
  }
}

/** How long the subgraphs' states are reused before they are probed again. */
export const READINESS_REUSE_MS = 1_000;

/**
 * `check`'s latest answer at once, started again in the background when older than `ttlMs` (one
 * run at a time); only the first caller waits for a run. A failed run keeps the previous answer
 * (the first caller gets the failure).
 */
export function latestOf<T>(ttlMs: number, check: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let latest: { at: number; value: T } | undefined;
  let running: Promise<T> | undefined;
  const run = (): Promise<T> => {
    running ??= check()
      .then((value) => {
        latest = { at: now(), value };
        return value;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  return () => {
    if (!latest) return run();
    if (now() - latest.at >= ttlMs) run().catch(() => undefined);
    return Promise.resolve(latest.value);
  };
}
