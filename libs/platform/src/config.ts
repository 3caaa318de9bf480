import { z } from 'zod';

/** Raised at start-up when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {}

export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
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
  AUTH_JWT_SECRET: z.string().min(16).optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_JWT_ISSUER: z.string().optional(),
  AUTH_JWT_AUDIENCE: z.string().optional(),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** The secret used outside production when none is configured; never accepted in production. */
export const DEV_JWT_SECRET = 'mentorflow-dev-secret-not-for-production';

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

/** Auth settings shared by the gateway and the subgraphs: HS256 secret or a JWKS URL. */
export function resolveAuthSettings(config: BaseConfig): {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
} {
  if (config.AUTH_JWKS_URL) {
    return { jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE };
  }
  if (config.AUTH_JWT_SECRET) {
    return { secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE };
  }
  if (config.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  AUTH_JWT_SECRET: required in production (or set AUTH_JWKS_URL)');
  }
  return { secret: DEV_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE };
}
