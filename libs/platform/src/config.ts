import { z } from 'zod';

/** Raised at start-up when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {}

/**
 * A token lifetime: seconds (`3600`) or a number with a unit (`30m`, `12h`, `1d`); in seconds.
 * Unset: the verifier's default, DEFAULT_TOKEN_MAX_AGE_SECONDS (24 h).
 */
const tokenMaxAge = z
  .string()
  .trim()
  .regex(/^\d+\s*[smhd]?$/i, 'expected seconds or a duration such as 30m, 12h or 1d')
  .transform((s) => {
    const m = /^(\d+)\s*([smhd]?)$/i.exec(s)!;
    const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2].toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
    return Number(m[1]) * unit;
  })
  .refine((seconds) => seconds >= 1, 'must be at least 1 second');

export const baseConfigSchema = z.object({
  /**
   * Unset (or empty) means production: the development secret, the sandbox clock and GraphiQL
   * only where NODE_ENV is explicitly `development` or `test` (`npm start` and `npm test` set it).
   */
  NODE_ENV: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['development', 'test', 'production']).default('production'),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  /**
   * The ops listener: `/metrics`, `/health/live` and `/health/ready`, for Prometheus and the
   * platform, on a port the public Service does not expose. Default PORT + 1000 (gateway 5000,
   * cohorts 5001, …) on HOST; see `opsListenAddress`. An empty value is unset.
   */
  OPS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  OPS_HOST: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .refine((list) => list.length > 0 && list.every((b) => /^[^:\s]+:\d+$/.test(b)), 'expected host:port[,host:port]'),
  /**
   * Kafka authentication and TLS (README, "Kafka security"); an empty value is unset. Checked
   * together at start-up by `kafkaSecurity` in #messaging (a mechanism needs a username and password).
   */
  KAFKA_SASL_MECHANISM: z.preprocess(
    (v) => (v === '' ? undefined : typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(['scram-sha-256', 'scram-sha-512', 'plain']).optional(),
  ),
  KAFKA_SASL_USERNAME: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  KAFKA_SASL_PASSWORD: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  KAFKA_SSL: z
    .preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false']).default('false'))
    .transform((v) => v === 'true'),
  /** PEM file of the CA(s) the brokers' certificates are checked against (default: Node's CAs). */
  KAFKA_SSL_CA_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  /** HS256 secret; outside development and test at least 32 bytes, and neither the dev secret nor a placeholder. */
  AUTH_JWT_SECRET: z.string().min(16).optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  /** Required with AUTH_JWKS_URL (AUTH_ISSUER is accepted too). */
  AUTH_JWT_ISSUER: z.string().min(1).optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  /** Required with AUTH_JWKS_URL (AUTH_AUDIENCE is accepted too). */
  AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** Longest token lifetime accepted (exp − iat), in seconds; default 24 h. */
  AUTH_TOKEN_MAX_AGE: tokenMaxAge.optional(),
  /**
   * OpenTelemetry: the OTLP/HTTP collector's base URL (traces go to `<url>/v1/traces`); unset,
   * nothing is exported and nothing recorded. An empty value is unset.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .url('expected the http(s) URL of an OTLP/HTTP collector, e.g. http://otel-collector:4318')
      .refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL (OTLP/HTTP), e.g. http://otel-collector:4318')
      .optional(),
  ),
  /** `service.name` of the spans; default the app's name (`gateway`, `cohorts`, …). */
  OTEL_SERVICE_NAME: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/**
 * The settings of an app with a database and a Kafka consumer group of its own, over the base ones:
 * its public PORT, its DATABASE_NAME on DATABASE_URL's server and KAFKA_GROUP_ID, with its defaults.
 */
export function serviceConfigSchema(defaults: { port: number; database: string }) {
  return baseConfigSchema.extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(defaults.port),
    DATABASE_NAME: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'lowercase letters, digits and _')
      .default(defaults.database),
    /** Kafka consumer group; default `mentorflow-<service>` (replicas share it). Tests use their own. */
    KAFKA_GROUP_ID: z.string().min(1).optional(),
    /**
     * Hours a published outbox row is kept before it is deleted (a whole number, 0 keeps them
     * forever); unpublished rows are never deleted. The events themselves stay in Kafka.
     */
    OUTBOX_RETENTION_HOURS: z.preprocess(
      (v) => (v === '' || v === undefined ? undefined : typeof v === 'string' ? v.trim() : v),
      z
        .string()
        .regex(/^\d+$/, 'expected a whole number of hours (0 keeps published rows forever)')
        .transform(Number)
        .default(168),
    ),
  });
}

/** The ops port is the public PORT plus this, unless OPS_PORT says otherwise. */
export const OPS_PORT_OFFSET = 1000;

/**
 * Where the ops listener (`/metrics` and health, never the API) binds: OPS_PORT, default
 * PORT + 1000 (PORT 0, an ephemeral port as in tests, gives an ephemeral ops port too), on
 * OPS_HOST, default HOST (127.0.0.1 locally; the containers set HOST=0.0.0.0 so that Prometheus
 * can reach the pod, and only the ops port's NetworkPolicy and an unpublished port keep it private).
 * Throws a ConfigError naming OPS_PORT when it would be the public port or no port at all.
 */
export function opsListenAddress(config: Pick<BaseConfig, 'HOST' | 'OPS_PORT' | 'OPS_HOST'> & { PORT: number }): {
  host: string;
  port: number;
} {
  const port = config.OPS_PORT ?? (config.PORT === 0 ? 0 : config.PORT + OPS_PORT_OFFSET);
  if (port > 65535) {
    throw new ConfigError(
      `Invalid configuration:\n  OPS_PORT: unset, so PORT + ${OPS_PORT_OFFSET} = ${port}, which is not a port; set OPS_PORT`,
    );
  }
  if (port !== 0 && port === config.PORT) {
    throw new ConfigError(
      `Invalid configuration:\n  OPS_PORT: must differ from PORT (${port}): /metrics stays off the public port`,
    );
  }
  return { host: config.OPS_HOST ?? config.HOST, port };
}

/** The secret used in development and test when none is configured; refused everywhere else. */
export const DEV_JWT_SECRET = 'mentorflow-dev-secret-not-for-production';

/** The shortest AUTH_JWT_SECRET accepted outside development and test, in bytes (HS256: at least the hash size). */
export const MIN_JWT_SECRET_BYTES = 32;

/**
 * Secrets that are public: the placeholders of infra/k8s and of common examples. Refused outside
 * development and test, like the development secret.
 */
const PLACEHOLDER_SECRET = /replace[-_ ]?me|change[-_ ]?me|placeholder|not[-_ ]for[-_ ]production|your[-_ ]secret/i;

/** Development and test only when NODE_ENV says so explicitly; anything else is production. */
export function isDevelopmentOrTest(config: Pick<BaseConfig, 'NODE_ENV'>): boolean {
  return config.NODE_ENV === 'development' || config.NODE_ENV === 'test';
}

/**
 * Parses the environment with the schema; on any problem throws one ConfigError that names each
 * variable and what is wrong with it, so the process fails fast at start-up.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Why a secret may not be used outside development and test, or undefined when it may. */
function unsafeSecret(secret: string): string | undefined {
  if (secret === DEV_JWT_SECRET) {
    return 'is the development secret, which is public (it is in the source); set a random secret, e.g. `openssl rand -base64 48`';
  }
  if (PLACEHOLDER_SECRET.test(secret)) {
    return 'is a placeholder; set a random secret, e.g. `openssl rand -base64 48`';
  }
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_JWT_SECRET_BYTES) {
    return `must be at least ${MIN_JWT_SECRET_BYTES} bytes outside development and test (it has ${bytes}); e.g. \`openssl rand -base64 48\``;
  }
  return undefined;
}

/**
 * Auth settings shared by the gateway and the subgraphs: HS256 secret or a JWKS URL. Throws a
 * ConfigError at start-up when they are unsafe: JWKS without issuer or audience; outside
 * development and test (NODE_ENV unset is production) a missing, short, development or
 * placeholder secret. The development secret is the default only in development and test.
 */
export function resolveAuthSettings(config: BaseConfig): {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  maxAgeSeconds?: number;
} {
  const issuer = config.AUTH_JWT_ISSUER ?? config.AUTH_ISSUER;
  const audience = config.AUTH_JWT_AUDIENCE ?? config.AUTH_AUDIENCE;
  const maxAgeSeconds = config.AUTH_TOKEN_MAX_AGE;
  if (config.AUTH_JWKS_URL) {
    const missing = [
      ...(issuer ? [] : ['  AUTH_JWT_ISSUER: required with AUTH_JWKS_URL (the issuer the tokens must name)']),
      ...(audience ? [] : ['  AUTH_JWT_AUDIENCE: required with AUTH_JWKS_URL (the audience the tokens must name)']),
    ];
    if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
    return { jwksUrl: config.AUTH_JWKS_URL, issuer, audience, maxAgeSeconds };
  }
  const development = isDevelopmentOrTest(config);
  if (config.AUTH_JWT_SECRET) {
    const unsafe = development ? undefined : unsafeSecret(config.AUTH_JWT_SECRET);
    if (unsafe) throw new ConfigError(`Invalid configuration:\n  AUTH_JWT_SECRET: ${unsafe}`);
    return { secret: config.AUTH_JWT_SECRET, issuer, audience, maxAgeSeconds };
  }
  if (!development) {
    throw new ConfigError(
      'Invalid configuration:\n  AUTH_JWT_SECRET: required in production, which is what an unset NODE_ENV means ' +
        '(or set AUTH_JWKS_URL; NODE_ENV=development or test uses the development secret)',
    );
  }
  return { secret: DEV_JWT_SECRET, issuer, audience, maxAgeSeconds };
}
