import { Counter, Gauge, Histogram } from 'prom-client';

/**
 * Messaging metrics, registered once per process in prom-client's default registry (every app's
 * `/metrics` serves them with its `service` label). The Grafana dashboard in infra/grafana reads
 * them by these names; `test/ops/grafana.spec.ts` checks that every name it uses exists.
 */
export const messagingMetrics = {
  published: new Counter({
    name: 'mentorflow_outbox_published_total',
    help: 'Events published from the outbox to Kafka',
    labelNames: ['type'],
  }),
  outboxBacklog: new Gauge({
    name: 'mentorflow_outbox_backlog',
    help: 'Outbox rows not yet published to Kafka (sampled periodically)',
  }),
  outboxOldestAge: new Gauge({
    name: 'mentorflow_outbox_oldest_unpublished_seconds',
    help: 'Age of the oldest outbox row not yet published, 0 when none waits (sampled periodically)',
  }),
  consumed: new Counter({
    name: 'mentorflow_events_consumed_total',
    help: 'Events consumed, by outcome (applied, duplicate, ignored, dead_lettered)',
    labelNames: ['type', 'outcome'],
  }),
  deadLettered: new Counter({
    name: 'mentorflow_dead_letters_total',
    help: 'Messages sent to the dead-letter topic',
    labelNames: ['topic'],
  }),
  consumerLag: new Gauge({
    name: 'mentorflow_consumer_lag',
    help: "Messages between the consumer group's committed offset and the partition high watermark (sampled periodically)",
    labelNames: ['group', 'topic', 'partition'],
  }),
  consumerLagSampledAt: new Gauge({
    name: 'mentorflow_consumer_lag_sampled_timestamp_seconds',
    help: 'When the consumer lag was last sampled successfully (Unix time)',
    labelNames: ['group'],
  }),
  eventsRetentionLimited: new Gauge({
    name: 'mentorflow_events_topic_retention_limited',
    help: 'Whether an events topic the service consumes deletes old events (1: retention.ms or retention.bytes is not -1), read at start-up',
    labelNames: ['topic'],
  }),
  outboxPruned: new Counter({
    name: 'mentorflow_outbox_pruned_total',
    help: 'Published outbox rows deleted after OUTBOX_RETENTION_HOURS',
  }),
  handleSeconds: new Histogram({
    name: 'mentorflow_event_handle_seconds',
    help: 'Time to apply one consumed event',
    labelNames: ['type'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  }),
};
