import { z } from 'zod';
import { serviceConfigSchema } from '#platform';

const subgraphUrl = (port: number) => z.string().url().default(`http://127.0.0.1:${port}/graphql`);
const millis = z.coerce.number().int().min(0);
const positive = z.coerce.number().int().min(1);

/** DATABASE_NAME is the gateway's own database (notifications, idempotency keys); KAFKA_GROUP_ID that of its notifications consumer. */
export const gatewayConfigSchema = serviceConfigSchema({ port: 4000, database: 'mentorflow_gateway' }).extend({
  COHORTS_URL: subgraphUrl(4001),
  MENTORS_URL: subgraphUrl(4002),
  SCOPING_URL: subgraphUrl(4003),
  EVALUATIONS_URL: subgraphUrl(4004),
  /**
   * At start-up the gateway waits this long for every subgraph to answer; then it starts with
   * those that did (at least one is needed) and the others join through the retries below.
   */
  SUBGRAPH_WAIT_MS: millis.default(60_000),
  /** Retries of subgraphs missing at start-up (mercurius `retryServicesCount`/`retryServicesInterval`). */
  SUBGRAPH_RETRY_COUNT: z.coerce.number().int().min(1).default(60),
  SUBGRAPH_RETRY_INTERVAL_MS: millis.min(100).default(2_000),
  /**
   * Longest wait for one subgraph call's response (headers, then body); default 8000
   * (DEFAULT_SUBGRAPH_TIMEOUT_MS). Beyond it the fields that subgraph serves are
   * SUBGRAPH_UNAVAILABLE and the rest of the answer is sent: a subgraph that accepts connections
   * but does not answer (frozen, overloaded) leaves partial data, not a 504. When set, it must be
   * below GRAPHQL_EXECUTION_TIMEOUT_MS.
   */
  SUBGRAPH_TIMEOUT_MS: positive.min(100).optional(),
  /** How often the composed schema is refreshed from the subgraphs (0 = never): redeploys and late joiners. */
  SCHEMA_POLL_INTERVAL_MS: millis.default(10_000),
  /**
   * Identical subgraph queries in flight at once (same query, variables and caller's token) are
   * sent once and their answer shared (`true`, the default), as Hive Gateway does; `false` sends each.
   */
  SUBGRAPH_DEDUPLICATE_INFLIGHT: z.enum(['true', 'false']).default('true'),
  /**
   * The gateway's address as its users reach it (behind a load balancer, its public https URL):
   * calendar feed URLs point there (`<PUBLIC_URL>/calendar/<token>.ics`). Default: http://127.0.0.1:PORT.
   */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
    .optional(),

  // ---- cohort report share links (reports/) --------------------------------------------------
  /**
   * HMAC key of report share links (`createReportLink`), at least 32 bytes; never the API's JWT
   * secret. Unset: a fixed development key under NODE_ENV development or test; in production no
   * links are made (a PM still opens the page with their bearer header).
   */
  REPORT_LINK_SECRET: z.string().min(32, 'must be at least 32 bytes').optional(),
  /** How long a report share link works, in minutes (1 to 1440). */
  REPORT_LINK_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),

  // ---- the gateway's own notifications subgraph (same process, internal port) -----------------
  /** Port of the in-process notifications subgraph; default PORT + 5. Bound to NOTIFICATIONS_HOST only. */
  NOTIFICATIONS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  NOTIFICATIONS_HOST: z.string().default('127.0.0.1'),

  // ---- limits ----------------------------------------------------------------------------------
  /** Deepest selection a document may have (root field = 1; introspection counted, but for its `ofType` chains). */
  MAX_QUERY_DEPTH: positive.default(12),
  /** Most objects a document may ask for: each object field counts once per item, lists multiply by `first`. */
  MAX_QUERY_COST: positive.default(20_000),
  /** Most field selections a document may have: aliases, `__typename`, a fragment's fields once per spread. */
  MAX_QUERY_FIELDS: positive.default(1_000),
  /** Most root fields an operation may have, aliases included (each is planned and sent on its own). */
  MAX_ROOT_FIELDS: positive.default(50),
  /** Most tokens a document may have (names, punctuation, values), counted before it is parsed. */
  MAX_QUERY_TOKENS: positive.default(20_000),
  /**
   * Whether the gateway answers `__schema`/`__type` (at most one of each per operation): `true` or
   * `false`; unset, on only when NODE_ENV is development or test.
   */
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).optional(),
  /**
   * GraphiQL on /graphiql (served from the gateway's own assets, graphiql/graphiql-page.ts): `true`
   * or `false`; unset, on only where NODE_ENV is development. `true` is refused outside
   * development and test.
   */
  GRAPHIQL: z.enum(['true', 'false']).optional(),
  /**
   * The header editor's content when GraphiQL opens, a JSON object of strings, e.g.
   * `{"Authorization":"Bearer <token>"}` (`npm start` sets it to the demo PM token). Refused
   * outside development and test.
   */
  GRAPHIQL_DEFAULT_HEADERS: z.string().optional(),
  /** How long one GraphQL request may run on the gateway (504 EXECUTION_TIMEOUT beyond). */
  GRAPHQL_EXECUTION_TIMEOUT_MS: positive.default(10_000),
  /** Largest JSON response in bytes (RESPONSE_TOO_LARGE beyond). */
  GRAPHQL_MAX_RESPONSE_BYTES: positive.default(5 * 1024 * 1024),
  /** Largest request body in bytes (413 beyond). */
  BODY_LIMIT_BYTES: positive.default(1024 * 1024),
  /** Mutation rate limit per user (token bucket per `sub`): burst size and sustained rate per minute. */
  MUTATION_RATE_BURST: positive.default(300),
  MUTATION_RATE_PER_MINUTE: positive.default(1200),
  /** How long an Idempotency-Key is remembered. */
  IDEMPOTENCY_TTL_HOURS: positive.default(24),

  // ---- email (notifications/email) -------------------------------------------------------------
  /**
   * The SMTP server notifications are mailed through, `smtp://[user:pass@]host:port` (STARTTLS when
   * the server offers it) or `smtps://…` (TLS from the start). Unset: no email is sent (nor queued).
   */
  SMTP_URL: z
    .string()
    .url('must be a URL such as smtp://user:password@mail.example.com:587')
    .refine((u) => /^smtps?:\/\/[^/?#]+/i.test(u), 'must be an smtp:// or smtps:// URL with a host')
    .optional(),
  /** The From of every mail: an address, optionally with a display name (`Mentorflow <no-reply@example.com>`). */
  EMAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/,
      'must be an address, e.g. Mentorflow <no-reply@example.com>',
    )
    .default('Mentorflow <notifications@mentorflow.local>'),
  /** How often the sender looks for mail to send. */
  EMAIL_POLL_INTERVAL_MS: positive.min(10).default(2_000),
  /** The first retry after an SMTP failure; each further one waits twice as long, up to EMAIL_RETRY_MAX_MS. */
  EMAIL_RETRY_BASE_MS: positive.min(10).default(5_000),
  EMAIL_RETRY_MAX_MS: positive.min(10).default(15 * 60_000),
  /**
   * A mail claimed for sending longer ago than this, never marked sent nor failed (the process died
   * while sending), is marked UNCONFIRMED and not sent again: it may have gone out. Must exceed the
   * SMTP timeouts of one send (about 2 minutes at most).
   */
  EMAIL_UNCONFIRMED_AFTER_MS: positive.min(1_000).default(5 * 60_000),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 8_000;

/** How long the gateway waits for one subgraph call's response (SUBGRAPH_TIMEOUT_MS, else 8 s). */
export function subgraphTimeoutMs(config: GatewayConfig): number {
  return config.SUBGRAPH_TIMEOUT_MS ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
}

/**
 * Settings valid one by one but not together, as the lines of a ConfigError (empty when none): a
 * SUBGRAPH_TIMEOUT_MS at or beyond the execution timeout would turn a silent subgraph into a 504
 * instead of partial data. (Left unset with a lower GRAPHQL_EXECUTION_TIMEOUT_MS, the 8 s default
 * is simply never reached: the request ends in 504 EXECUTION_TIMEOUT, as it did before.)
 */
export function gatewayConfigProblems(config: GatewayConfig): string[] {
  const timeout = config.SUBGRAPH_TIMEOUT_MS;
  if (timeout === undefined || timeout < config.GRAPHQL_EXECUTION_TIMEOUT_MS) return [];
  return [
    `SUBGRAPH_TIMEOUT_MS: must be below GRAPHQL_EXECUTION_TIMEOUT_MS (${config.GRAPHQL_EXECUTION_TIMEOUT_MS}), else a subgraph that does not answer fails the whole request; it is ${timeout}`,
  ];
}

export interface SubgraphEndpoint {
  /** The service name (cohorts, mentors, scoping, evaluations, notifications). */
  name: string;
  /** Its GraphQL endpoint; its health is at /health/ready on the same origin. */
  url: string;
}

/** The four subgraphs of the services the gateway federates, in a stable order. */
export function subgraphEndpoints(config: GatewayConfig): SubgraphEndpoint[] {
  return [
    { name: 'cohorts', url: config.COHORTS_URL },
    { name: 'mentors', url: config.MENTORS_URL },
    { name: 'scoping', url: config.SCOPING_URL },
    { name: 'evaluations', url: config.EVALUATIONS_URL },
  ];
}

export function notificationsPort(config: GatewayConfig): number {
  return config.NOTIFICATIONS_PORT ?? config.PORT + 5;
}

/** The gateway's own notifications subgraph, served by the same process. */
export function notificationsEndpoint(config: GatewayConfig): SubgraphEndpoint {
  return { name: 'notifications', url: `http://${config.NOTIFICATIONS_HOST}:${notificationsPort(config)}/graphql` };
}
