import { readFileSync } from 'node:fs';
import { baseConfigSchema, ConfigError, loadConfig, type BaseConfig } from '#platform';

/** The variables of the base configuration that say how a service authenticates to Kafka. */
export type KafkaSecurityConfig = Pick<
  BaseConfig,
  'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD' | 'KAFKA_SSL' | 'KAFKA_SSL_CA_FILE'
>;

export type KafkaSaslMechanism = 'scram-sha-256' | 'scram-sha-512' | 'plain';

/**
 * What every KafkaJS client of a service connects with (KafkaJS's `ssl` and `sasl` options):
 * nothing (plaintext, the local broker), TLS, SASL, or SASL over TLS.
 */
export interface KafkaSecurity {
  /** TLS, checking the brokers' certificates against `ca` (PEM) or, without it, Node's CAs. */
  ssl?: true | { ca: string[] };
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/**
 * Checks the Kafka security variables together and reads the CA file; on any problem throws one
 * ConfigError naming each variable (never a password), so a service fails at start-up rather than
 * connecting with less security than configured or not at all.
 */
export function kafkaSecurity(
  config: KafkaSecurityConfig,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): KafkaSecurity {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = config;
  const problems: string[] = [];
  if (mechanism) {
    if (!username) problems.push(`KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (!password) problems.push(`KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (mechanism === 'plain' && !config.KAFKA_SSL) {
      problems.push(
        'KAFKA_SASL_MECHANISM: plain sends the password in clear text; set KAFKA_SSL=true (or use scram-sha-512)',
      );
    }
  } else if (username || password) {
    const given = [username ? 'KAFKA_SASL_USERNAME' : undefined, password ? 'KAFKA_SASL_PASSWORD' : undefined].filter(
      Boolean,
    );
    problems.push(`KAFKA_SASL_MECHANISM: required with ${given.join(' and ')} (scram-sha-256, scram-sha-512 or plain)`);
  }
  let ca: string | undefined;
  if (config.KAFKA_SSL_CA_FILE) {
    const file = config.KAFKA_SSL_CA_FILE;
    if (!config.KAFKA_SSL) {
      problems.push('KAFKA_SSL_CA_FILE: only used with TLS; set KAFKA_SSL=true');
    } else {
      try {
        ca = readFile(file);
        if (!PEM_CERTIFICATE.test(ca)) problems.push(`KAFKA_SSL_CA_FILE: ${file} holds no PEM certificate`);
      } catch (err) {
        problems.push(
          `KAFKA_SSL_CA_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        );
      }
    }
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return {
    ...(config.KAFKA_SSL ? { ssl: ca ? { ca: [ca] } : true } : {}),
    ...(mechanism ? { sasl: { mechanism, username: username!, password: password! } } : {}),
  };
}

const SECURITY_KEYS = {
  KAFKA_SASL_MECHANISM: true,
  KAFKA_SASL_USERNAME: true,
  KAFKA_SASL_PASSWORD: true,
  KAFKA_SSL: true,
  KAFKA_SSL_CA_FILE: true,
} as const;

/**
 * The Kafka security of this process from its environment (the same variables and rules as the
 * services' configuration): what MessagingModule and createKafka use unless given one.
 */
export function kafkaSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaSecurity {
  return kafkaSecurity(loadConfig(baseConfigSchema.pick(SECURITY_KEYS), env));
}

/** For logs: how the clients connect, without the password ("SASL scram-sha-512 as mentors, TLS"). */
export function describeKafkaSecurity(security: KafkaSecurity): string {
  const parts = [
    security.sasl ? `SASL ${security.sasl.mechanism} as ${security.sasl.username}` : 'no SASL',
    security.ssl ? (security.ssl === true ? 'TLS' : 'TLS (KAFKA_SSL_CA_FILE)') : 'plaintext',
  ];
  return parts.join(', ');
}
