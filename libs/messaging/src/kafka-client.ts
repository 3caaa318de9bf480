import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaSecurityFromEnv, type KafkaSecurity } from './kafka-security.js';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * A KafkaJS client whose logs go to the service's pino logger, connecting with the given TLS and
 * SASL settings, by default those of the environment (KAFKA_SASL_*, KAFKA_SSL, KAFKA_SSL_CA_FILE;
 * a ConfigError when they are wrong). Every client of a service is made here.
 */
export function createKafka(
  clientId: string,
  brokers: string[],
  logger: Logger,
  security: KafkaSecurity = kafkaSecurityFromEnv(),
): Kafka {
  return new Kafka({
    clientId,
    brokers,
    ...(security.ssl ? { ssl: security.ssl } : {}),
    // One of KafkaJS's SASLOptions: its mechanism is one of the three they have in common.
    ...(security.sasl ? { sasl: security.sasl as SASLOptions } : {}),
    connectionTimeout: 3000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...rest } = log;
        logger[LEVELS[level] ?? 'info']({ kafka: namespace, ...rest }, message);
      },
  });
}
