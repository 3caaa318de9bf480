import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { messagingMetrics } from './metrics.js';

/** What the group committed on one topic, as `admin.fetchOffsets` answers ('-1': nothing committed yet). */
export interface CommittedOffsets {
  topic: string;
  partitions: { partition: number; offset: string }[];
}

/** One topic's partition ends, as `admin.fetchTopicOffsets` answers. */
export interface TopicEnds {
  topic: string;
  partitions: { partition: number; high: string; low: string }[];
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages not yet consumed (committed) by the group. */
  lag: number;
}

/**
 * Lag per partition: high watermark minus the group's committed offset. A partition the group
 * never committed on counts from the log start (the consumers subscribe from the beginning), and
 * so does a committed offset that retention already deleted. Never negative.
 */
export function computeLag(committed: CommittedOffsets[], ends: TopicEnds[]): PartitionLag[] {
  const committedBy = new Map<string, number>();
  for (const t of committed) {
    for (const p of t.partitions) committedBy.set(`${t.topic}\u0000${p.partition}`, Number(p.offset));
  }
  const out: PartitionLag[] = [];
  for (const t of ends) {
    for (const p of t.partitions) {
      const high = Number(p.high);
      const low = Number(p.low);
      const offset = committedBy.get(`${t.topic}\u0000${p.partition}`);
      const from = offset === undefined || offset < 0 || Number.isNaN(offset) ? low : Math.max(offset, low);
      out.push({ topic: t.topic, partition: p.partition, lag: Math.max(0, high - from) });
    }
  }
  return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

export interface ConsumerLagMonitorOptions {
  kafka: Kafka;
  groupId: string;
  /** The topics the group consumes (read at each pass). */
  topics: () => string[];
  logger: Logger;
  /** Time between two samples (ms); default 10 s. */
  intervalMs?: number;
}

/**
 * Feeds `mentorflow_consumer_lag{group,topic,partition}`: every `intervalMs` one admin round trip
 * for the group's committed offsets and one per topic for its ends. Runs beside the consumer and
 * never throws into the application: a failed pass is logged (once per outage) and retried at the
 * next tick, leaving the last values and `mentorflow_consumer_lag_sampled_timestamp_seconds`
 * unchanged so a stale sample is visible. `stop()` waits for a pass in flight and disconnects.
 */
export class ConsumerLagMonitor {
  private admin: Admin | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<PartitionLag[] | undefined> | undefined;
  private running = false;
  private stopped = false;
  private failing = false;

  constructor(private readonly options: ConsumerLagMonitorOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(Math.min(1000, this.interval));
  }

  /** Stops sampling; waits at most `graceMs` for a pass in flight (Kafka may be unreachable). */
  async stop(graceMs = 2000): Promise<void> {
    this.running = false;
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pass) {
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([this.pass, new Promise<void>((r) => (timeout = setTimeout(r, graceMs)))]);
      clearTimeout(timeout);
    }
    await this.disconnect();
  }

  /** One sample: sets the gauges and returns the lag, or undefined when Kafka did not answer. */
  sample(): Promise<PartitionLag[] | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    this.pass ??= this.measure().finally(() => (this.pass = undefined));
    return this.pass;
  }

  private get interval(): number {
    return this.options.intervalMs ?? 10_000;
  }

  private schedule(delay: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      void this.sample().finally(() => this.schedule(this.interval));
    }, delay);
    this.timer.unref();
  }

  private async measure(): Promise<PartitionLag[] | undefined> {
    const topics = this.options.topics();
    if (topics.length === 0) return [];
    const { groupId } = this.options;
    try {
      const admin = await this.connected();
      const committed = await admin.fetchOffsets({ groupId, topics });
      const ends = await Promise.all(
        topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
      );
      const lag = computeLag(committed, ends);
      for (const p of lag)
        messagingMetrics.consumerLag.set({ group: groupId, topic: p.topic, partition: String(p.partition) }, p.lag);
      messagingMetrics.consumerLagSampledAt.set({ group: groupId }, Date.now() / 1000);
      if (this.failing) this.options.logger.info({ group: groupId }, 'consumer lag sampling recovered');
      this.failing = false;
      return lag;
    } catch (err) {
      if (!this.failing && !this.stopped) {
        this.options.logger.warn(
          { err: (err as Error).message, group: groupId },
          'consumer lag sampling failed; retrying at the next tick',
        );
      }
      this.failing = true;
      await this.disconnect();
      return undefined;
    }
  }

  private async connected(): Promise<Admin> {
    if (this.admin) return this.admin;
    const admin = this.options.kafka.admin();
    await admin.connect();
    if (this.stopped) {
      await admin.disconnect().catch(() => undefined);
      throw new Error('consumer lag monitor stopped');
    }
    this.admin = admin;
    return admin;
  }

  private async disconnect(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
