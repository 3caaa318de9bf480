import { randomBytes } from 'node:crypto';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Context, EventContract } from '#contracts';
import { decodeCloudEvent, SealedValueInvalid, type KeyRing } from '#messaging';
import { ProgressProjectionRepository } from '../persistence/progress-projection.repository.js';
import { COMPARED_TABLES, ProgressRebuildRepository } from '../persistence/progress-rebuild.repository.js';
import { PROGRESS_CONTRACTS, PROGRESS_EVENT_TYPES } from '../projection/event-facts.js';
import { ProgressProjector } from '../projection/progress-projector.js';

export interface ProgressRebuildOptions {
  dataSource: DataSource;
  kafka: Kafka;
  /**
   * The events topic of each context (mentorflow.<context>.events): all are replayed, and an event
   * counts only from its own context's topic, as the live consumer does (it dead-letters the rest).
   */
  topics: Record<Context, string>;
  /** The live consumer group (its inbox rows and committed offsets tell how far the live model is). */
  liveGroupId: string;
  /** Opens the personal fields of the replayed events, as the live consumer does (erased people read as erased). */
  keyRing: KeyRing;
  logger: Logger;
  /** How long to wait for the replay (and for the live consumer to catch up), in ms. */
  timeoutMs?: number;
}

export interface TableComparison {
  table: string;
  live: number;
  rebuilt: number;
  /** Keys only in the live table, only in the rebuilt one, or in both with different values. */
  onlyLive: string[];
  onlyRebuilt: string[];
  different: { key: string; live: string; rebuilt: string }[];
}

export interface RebuildReport {
  schema: string;
  groupId: string;
  /** Messages read, applied to the rebuilt model, and skipped (other event types, malformed, past the end). */
  read: number;
  applied: number;
  skipped: number;
  /** The end offset of every partition when the rebuild started (what it replayed up to). */
  endOffsets: Record<string, string>;
  /** Whether the live consumer had reached those offsets when the models were compared. */
  liveCaughtUp: boolean;
  identical: boolean;
  tables: TableComparison[];
  swapped: boolean;
  kept: boolean;
  elapsedMs: number;
}

const MAX_LISTED = 20;

/**
 * Rebuilds the progress read model from the Kafka topics from their first offset: a fresh
 * consumer group replays every topic into a fresh schema through the same ProgressProjector the
 * live model uses, then the two are compared row by row (`compare`), or the rebuilt model
 * replaces the live one (`swap`, once both have applied exactly the same events).
 */
export class ProgressRebuild {
  readonly schema = `progress_rebuild_${Date.now()}_${randomBytes(3).toString('hex')}`;
  readonly groupId: string;
  private readonly projector = new ProgressProjector(new ProgressProjectionRepository());
  private readonly contracts = new Map<string, EventContract<unknown>>(PROGRESS_CONTRACTS.map((c) => [c.type, c]));
  private consumer: Consumer | undefined;
  /** Per `topic:partition`: the offset after the last message handled. */
  private readonly position = new Map<string, bigint>();
  /** Per `topic:partition`: replay messages below this offset only (compare mode). */
  private limits: Map<string, bigint> | undefined;
  private counts = { read: 0, applied: 0, skipped: 0 };
  private readonly started = Date.now();
  private readonly rebuilt: ProgressRebuildRepository;

  constructor(private readonly options: ProgressRebuildOptions) {
    this.groupId = `${options.liveGroupId}-rebuild-${randomBytes(4).toString('hex')}`;
    this.rebuilt = new ProgressRebuildRepository(options.dataSource, this.schema);
  }

  private get topicList(): string[] {
    return [...new Set(Object.values(this.options.topics))];
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 120_000;
  }

  /** Replays up to the end offsets of now, compares with the live model, and drops the rebuilt schema unless `keep`. */
  async rebuildAndCompare(options: { keep?: boolean } = {}): Promise<RebuildReport> {
    await this.createSchema();
    try {
      const ends = await this.endOffsets();
      this.limits = ends;
      await this.replayUntil(ends);
      await this.stopConsumer();
      const liveCaughtUp = await this.waitForLive(ends);
      const tables = await this.compare();
      return this.report(ends, liveCaughtUp, tables, false, !!options.keep);
    } finally {
      await this.stopConsumer();
      if (!options.keep) await this.dropSchema();
    }
  }

  /**
   * Replays everything, then swaps: under the lock every live progress transaction takes shared,
   * checks that the live inbox and the rebuild's have applied the same progress events up to the
   * same offsets, and copies the rebuilt tables over the live ones in one transaction. Retries
   * (replaying what came meanwhile) until they match or the time is up.
   */
  async rebuildAndSwap(): Promise<RebuildReport> {
    await this.createSchema();
    try {
      const deadline = Date.now() + this.timeoutMs;
      let ends = await this.endOffsets();
      for (;;) {
        await this.replayUntil(ends);
        const liveCaughtUp = await this.waitForLive(ends, Math.min(10_000, Math.max(0, deadline - Date.now())));
        if (await this.trySwap()) {
          await this.stopConsumer();
          return this.report(ends, liveCaughtUp, await this.compare(), true, false);
        }
        if (Date.now() > deadline)
          throw new Error('the rebuilt and the live read models did not reach the same events in time');
        await new Promise((r) => setTimeout(r, 300));
        ends = await this.endOffsets();
      }
    } finally {
      await this.stopConsumer();
      await this.dropSchema();
    }
  }

  private async createSchema(): Promise<void> {
    await this.rebuilt.createSchema();
  }

  async dropSchema(): Promise<void> {
    await this.rebuilt.dropSchema();
  }

  private async endOffsets(): Promise<Map<string, bigint>> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const ends = new Map<string, bigint>();
      for (const topic of this.topicList) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(p.high) > BigInt(p.low)) ends.set(`${topic}:${p.partition}`, BigInt(p.high));
        }
      }
      return ends;
    } finally {
      await admin.disconnect();
    }
  }

  private async startConsumer(): Promise<void> {
    if (this.consumer) return;
    const consumer = this.options.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 15_000,
      heartbeatInterval: 1_000,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topicList, fromBeginning: true });
    await consumer.run({ partitionsConsumedConcurrently: 3, eachMessage: (payload) => this.onMessage(payload) });
    this.consumer = consumer;
  }

  private async stopConsumer(): Promise<void> {
    if (!this.consumer) return;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer.disconnect().catch(() => undefined);
    const admin = this.options.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([this.groupId]).catch(() => undefined);
    await admin.disconnect();
  }

  private async replayUntil(ends: Map<string, bigint>): Promise<void> {
    await this.startConsumer();
    const deadline = Date.now() + this.timeoutMs;
    const reached = () => [...ends].every(([tp, end]) => (this.position.get(tp) ?? 0n) >= end);
    while (!reached()) {
      if (Date.now() > deadline) {
        const behind = [...ends]
          .filter(([tp, end]) => (this.position.get(tp) ?? 0n) < end)
          .map(([tp, end]) => `${tp} at ${this.position.get(tp) ?? 0n} of ${end}`);
        throw new Error(`the rebuild did not reach the end of the topics in time: ${behind.join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async onMessage({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const tp = `${topic}:${partition}`;
    const offset = BigInt(message.offset);
    const limit = this.limits?.get(tp) ?? (this.limits ? 0n : undefined);
    this.counts.read++;
    try {
      if (limit !== undefined && offset >= limit) {
        this.counts.skipped++;
        return;
      }
      if (await this.applyMessage(topic, partition, message)) this.counts.applied++;
      else this.counts.skipped++;
    } finally {
      const next = offset + 1n;
      if (next > (this.position.get(tp) ?? 0n)) this.position.set(tp, next);
    }
  }

  /** Applies one message the way the live consumer would; false when it has no effect on the read model. */
  private async applyMessage(
    topic: string,
    partition: number,
    message: EachMessagePayload['message'],
  ): Promise<boolean> {
    let event;
    try {
      event = decodeCloudEvent(message);
    } catch {
      return false; // the live consumer dead-letters it
    }
    const contract = this.contracts.get(event.type);
    if (!contract) return false;
    if (this.options.topics[contract.context] !== topic) return false; // another context's event: forged, dead-lettered live
    let data: unknown;
    try {
      data = await this.options.keyRing.open(contract, event.data);
    } catch (err) {
      if (err instanceof SealedValueInvalid) return false; // dead-lettered live too
      throw err; // keys unreadable now: the rebuild fails rather than build without them
    }
    const parsed = contract.schema.safeParse(data);
    if (!parsed.success) return false; // dead-lettered live too
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.dataSource.transaction(async (tx) => {
          const replayed = { eventId: event.id, type: event.type, topic, partition, offset: message.offset };
          if (!(await this.rebuilt.enterAndRecord(tx, replayed))) return false;
          await this.projector.apply(
            tx,
            { id: event.id, type: event.type, time: event.time, data: parsed.data },
            this.schema,
          );
          return true;
        });
      } catch (err) {
        if (attempt >= 4) {
          this.options.logger.warn(
            { err: (err as Error).message, type: event.type, eventId: event.id },
            'rebuild skipped an event it could not apply',
          );
          return false;
        }
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  }

  /** Waits until the live consumer group has committed the given offsets (or the time is up). */
  private async waitForLive(ends: Map<string, bigint>, timeoutMs = 30_000): Promise<boolean> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const committed = new Map<string, bigint>();
        for (const t of await admin.fetchOffsets({ groupId: this.options.liveGroupId, topics: this.topicList })) {
          for (const p of t.partitions) committed.set(`${t.topic}:${p.partition}`, BigInt(p.offset));
        }
        if ([...ends].every(([tp, end]) => (committed.get(tp) ?? -1n) >= end)) return true;
        if (Date.now() > deadline) return false;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async trySwap(): Promise<boolean> {
    const swapped = await this.rebuilt.swapWhenEqual(this.options.liveGroupId, PROGRESS_EVENT_TYPES);
    if (swapped) this.options.logger.info({ schema: this.schema }, 'rebuilt progress read model swapped in');
    return swapped;
  }

  /** Compares the rebuilt tables with the live ones, row by row. */
  async compare(): Promise<TableComparison[]> {
    const out: TableComparison[] = [];
    for (const spec of COMPARED_TABLES) {
      const live = await this.rebuilt.rows(spec, 'live');
      const rebuilt = await this.rebuilt.rows(spec, 'rebuilt');
      const onlyLive = [...live.keys()].filter((k) => !rebuilt.has(k)).sort();
      const onlyRebuilt = [...rebuilt.keys()].filter((k) => !live.has(k)).sort();
      const different = [...live]
        .filter(([k, v]) => rebuilt.has(k) && rebuilt.get(k) !== v)
        .map(([k, v]) => ({ key: k, live: v, rebuilt: rebuilt.get(k)! }))
        .sort((a, b) => a.key.localeCompare(b.key));
      out.push({
        table: spec.table,
        live: live.size,
        rebuilt: rebuilt.size,
        onlyLive: onlyLive.slice(0, MAX_LISTED),
        onlyRebuilt: onlyRebuilt.slice(0, MAX_LISTED),
        different: different.slice(0, MAX_LISTED),
      });
      if (onlyLive.length + onlyRebuilt.length + different.length > 0) {
        this.options.logger.warn(
          {
            table: spec.table,
            onlyLive: onlyLive.length,
            onlyRebuilt: onlyRebuilt.length,
            different: different.length,
          },
          'rebuilt read model differs from the live one',
        );
      }
    }
    return out;
  }

  private report(
    ends: Map<string, bigint>,
    liveCaughtUp: boolean,
    tables: TableComparison[],
    swapped: boolean,
    kept: boolean,
  ): RebuildReport {
    return {
      schema: this.schema,
      groupId: this.groupId,
      ...this.counts,
      endOffsets: Object.fromEntries([...ends].map(([k, v]) => [k, v.toString()])),
      liveCaughtUp,
      identical: tables.every((t) => t.onlyLive.length + t.onlyRebuilt.length + t.different.length === 0),
      tables,
      swapped,
      kept,
      elapsedMs: Date.now() - this.started,
    };
  }
}
