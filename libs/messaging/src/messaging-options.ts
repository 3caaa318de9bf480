import { eventsTopic, type Context } from '#contracts';
import type { KafkaSecurity } from './kafka-security.js';
import { deadLetterTopic } from './topics.js';

export interface MessagingOptions {
  /** The service's name: its consumer group, CloudEvents source and dead-letter topic. */
  service: string;
  /** The context whose topic this service publishes to; none for a service that only consumes. */
  publishes?: Context;
  brokers: string[];
  /**
   * TLS and SASL for the service's Kafka client; unset: from the environment (KAFKA_SASL_MECHANISM,
   * KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, KAFKA_SSL, KAFKA_SSL_CA_FILE), checked in forRoot.
   */
  security?: KafkaSecurity;
  /** How often the relay looks at the outbox when no NOTIFY arrives (ms). */
  relayPollIntervalMs?: number;
  /** Attempts at a handler before the message is dead-lettered. */
  maxAttempts?: number;
  /** Backoff before the second attempt (ms); it doubles for each further attempt. */
  retryBackoffMs?: number;
  /** How often consumer lag and outbox backlog are sampled for /metrics (ms, default 10 000; 0 = never). */
  monitorIntervalMs?: number;
  /**
   * Published outbox rows are deleted this many hours after they were published (OUTBOX_RETENTION_HOURS,
   * default 168); 0 keeps them forever. Unpublished rows are never deleted.
   */
  outboxRetentionHours?: number;
  /** How often published outbox rows past their retention are pruned (ms, default 10 min; 0 = never). */
  outboxPruneIntervalMs?: number;
  /** Start the relay and the consumer with the application (default true). */
  autoStart?: boolean;
  /** Consumer group; defaults to `mentorflow-<service>`. */
  groupId?: string;
  /**
   * Topic names, when not the standard ones (`mentorflow.<context>.events`,
   * `mentorflow.<service>.dead-letter`): isolated topics for tests.
   */
  topics?: { events?: (context: Context) => string; deadLetter?: string; keys?: (context: Context) => string };
}

export function eventsTopicFor(options: MessagingOptions, context: Context): string {
  return options.topics?.events?.(context) ?? eventsTopic(context);
}

export function deadLetterTopicFor(options: MessagingOptions): string {
  return options.topics?.deadLetter ?? deadLetterTopic(options.service);
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
