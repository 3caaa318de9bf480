import { Inject, Injectable } from '@nestjs/common';
import { SpanStatusCode } from '@opentelemetry/api';
import type { Consumer, EachBatchPayload, EachMessagePayload, KafkaMessage, Kafka, Producer } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CONTEXTS } from '#contracts';
import { runWithContext, tracingEnabled } from '#platform';
import { inProcessSpan } from './messaging-spans.js';
import { decodeCloudEvent, parseEventType, type CloudEvent } from './cloud-event.js';
import type { EventHandler, EventMeta } from './event-handler.js';
import { deadLetterTopicFor, eventsTopicFor, MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options.js';
import { messagingMetrics } from './metrics.js';
import { MESSAGING_LOGGER } from './tokens.js';
import { KeyRing, PersonalDataKeysUnavailable } from './personal-data/key-ring.js';
import { SealedValueInvalid } from './personal-data/cipher.js';

/** First wait before a crashed consumer is replaced, doubled per failed attempt up to the max. */
const RESTART_FIRST_DELAY_MS = 1000;
const RESTART_MAX_DELAY_MS = 30000;

/**
 * At most this many messages of one partition's fetch are applied in one transaction. Under load a
 * fetch brings many; one transaction for them saves each its own BEGIN, COMMIT and WAL flush.
 */
export const MAX_MESSAGES_PER_TRANSACTION = 50;

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead_lettered';

/** What a message asks of the service, once decoded, opened and validated. */
type Prepared =
  | { kind: 'apply'; data: unknown; meta: EventMeta; registrations: EventHandler[] }
  | { kind: 'ignored' }
  | { kind: 'dead_letter'; reason: string };

/** The context an event is handled in: its log lines carry the correlation id of the request that caused it. */
const eventContext = (event: CloudEvent) => ({ correlationId: event.correlationid, causationId: event.id });

/** Raised when the database cannot be reached: the message is retried, never dead-lettered. */
class InfrastructureUnavailable extends Error {}

/**
 * Which contexts' events each events topic may carry, by the topic naming in use: one context
 * per topic normally (`mentorflow.<context>.events`); several when a test maps them to one topic.
 */
export function contextsByTopic(options: MessagingOptions): Map<string, Set<string>> {
  const byTopic = new Map<string, Set<string>>();
  for (const context of CONTEXTS) {
    const topic = eventsTopicFor(options, context);
    byTopic.set(topic, (byTopic.get(topic) ?? new Set<string>()).add(context));
  }
  return byTopic;
}

/**
 * The idempotent consumer. For every message: decode the CloudEvent, refuse (dead-letter) an
 * event whose type belongs to another context than the topic it came on (whoever may produce to
 * one context's topic must not forge another context's events), find the contract the
 * service handles for its type (an unknown version of an event it handles is dead-lettered; an
 * event it has no interest in is skipped), validate the data, and run the handlers in one
 * transaction with the inbox row, so that a redelivery changes nothing. Failing handlers are
 * retried with backoff, then dead-lettered with the reason and the original coordinates.
 *
 * The messages of one fetch (one partition, in order) are applied together, up to
 * MAX_MESSAGES_PER_TRANSACTION in one transaction, each with its inbox row: the same effects as
 * one transaction each, for one commit. When any of them would be dead-lettered, or any handler
 * fails, or tracing is on (a span per event's own transaction), that transaction is rolled back
 * (or never opened) and the messages are applied one by one as above, in the same order.
 */
@Injectable()
export class EventConsumer {
  private consumer: Consumer | undefined;
  private readonly byType = new Map<string, EventHandler[]>();
  private readonly handledNames = new Set<string>();
  private readonly topicContexts: Map<string, Set<string>>;
  private crashed = false;
  private stopping = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
    private readonly keyRing: KeyRing,
  ) {
    this.topicContexts = contextsByTopic(options);
  }

  /** Adds `on(...)` entries; entries of one event type run in the order they were registered. */
  register(handlers: readonly EventHandler[]): void {
    for (const r of handlers) {
      const list = this.byType.get(r.contract.type) ?? [];
      list.push(r);
      this.byType.set(r.contract.type, list);
      this.handledNames.add(`${r.contract.context}.${r.contract.name}`);
    }
  }

  get topics(): string[] {
    return [
      ...new Set([...this.byType.values()].map((l) => eventsTopicFor(this.options, l[0]!.contract.context))),
    ].sort();
  }

  get groupId(): string {
    return this.options.groupId ?? `mentorflow-${this.options.service}`;
  }

  get healthy(): boolean {
    return !this.crashed;
  }

  async start(kafka: Kafka, producer: Producer): Promise<void> {
    if (this.byType.size === 0 || this.consumer) return;
    this.stopping = false;
    this.keyRing.prepare([...this.byType.values()].map((l) => l[0]!.contract));
    this.consumer = await this.runConsumer(kafka, producer);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
    this.consumer = undefined;
    await this.keyRing.stop();
  }

  /** Connects, subscribes and runs a new KafkaJS consumer of the group. */
  private async runConsumer(kafka: Kafka, producer: Producer): Promise<Consumer> {
    const consumer = kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 15000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 20000,
      // How long the broker may hold an empty fetch. Data still comes back as soon as it arrives;
      // this bounds how long a stop (SIGTERM) or a rebalance waits for the fetch in flight
      // (KafkaJS's default, 5 s, was the longest part of an idle service's shutdown).
      maxWaitTimeInMs: 1000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    consumer.on(consumer.events.CRASH, (e) => {
      this.crashed = !e.payload.restart;
      this.logger.error({ err: e.payload.error?.message, restart: e.payload.restart }, 'consumer crashed');
      if (!e.payload.restart) this.replaceLater(consumer, kafka, producer, RESTART_FIRST_DELAY_MS);
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.crashed = false;
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: this.topics, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: 3,
        // Offsets are resolved here, message by message or chunk by chunk, never for what a stop left.
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.onBatch(payload, producer),
      });
    } catch (err) {
      await consumer.disconnect().catch(() => undefined);
      throw err;
    }
    return consumer;
  }

  /**
   * KafkaJS gives up on a consumer after an error it deems not retriable (e.g. "Failed to find
   * group coordinator" while a broker restarts) and never restarts it: the service would stop
   * consuming for good. So a new consumer of the same group takes its place, retried with backoff
   * until Kafka answers. Nothing is lost or applied twice: offsets are committed only after the
   * inbox transaction, and the inbox absorbs a redelivery.
   */
  private replaceLater(crashed: Consumer, kafka: Kafka, producer: Producer, delayMs: number): void {
    if (this.stopping || this.consumer !== crashed) return;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(async () => {
      if (this.stopping || this.consumer !== crashed) return;
      await crashed.disconnect().catch(() => undefined);
      try {
        const next = await this.runConsumer(kafka, producer);
        if (this.stopping) {
          await next.disconnect().catch(() => undefined);
          return;
        }
        this.consumer = next;
        this.logger.info({ group: this.groupId }, 'consumer replaced after a crash it could not restart from');
      } catch (err) {
        this.logger.warn({ err: (err as Error).message, retryInMs: delayMs }, 'consumer replacement failed; retrying');
        this.replaceLater(crashed, kafka, producer, Math.min(delayMs * 2, RESTART_MAX_DELAY_MS));
      }
    }, delayMs);
    this.restartTimer.unref?.();
  }

  private async onBatch(
    { batch, resolveOffset, heartbeat, pause, isRunning, isStale }: EachBatchPayload,
    producer: Producer,
  ): Promise<void> {
    const payloadOf = (message: KafkaMessage): EachMessagePayload => ({
      topic: batch.topic,
      partition: batch.partition,
      message,
      heartbeat,
      pause,
    });
    for (let i = 0; i < batch.messages.length; i += MAX_MESSAGES_PER_TRANSACTION) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(i, i + MAX_MESSAGES_PER_TRANSACTION);
      if (chunk.length > 1 && !tracingEnabled() && (await this.applyTogether(chunk.map(payloadOf)))) {
        resolveOffset(chunk[chunk.length - 1]!.offset);
      } else {
        for (const message of chunk) {
          if (!isRunning() || isStale()) return;
          await this.onMessage(payloadOf(message), producer);
          resolveOffset(message.offset);
        }
      }
      await heartbeat();
    }
  }

  /**
   * Applies the messages in one transaction, each with its inbox row, in order; true when it
   * committed. False, having changed nothing, when one of them is malformed or would be
   * dead-lettered, or when anything in the transaction failed: the caller then takes them one by one.
   */
  private async applyTogether(payloads: EachMessagePayload[]): Promise<boolean> {
    const items: { event: CloudEvent; prepared: Prepared; payload: EachMessagePayload }[] = [];
    try {
      for (const payload of payloads) {
        const event = decodeCloudEvent(payload.message);
        const prepared = await this.prepare(event, payload);
        if (prepared.kind === 'dead_letter') return false;
        items.push({ event, prepared, payload });
      }
    } catch {
      return false;
    }
    // Events of no interest stay 'ignored'; the others are applied in order in one transaction.
    const outcomes = items.map((): Outcome => 'ignored');
    try {
      if (items.some((x) => x.prepared.kind === 'apply')) {
        await this.dataSource.transaction(async (tx) => {
          for (const [k, { event, prepared, payload }] of items.entries()) {
            if (prepared.kind !== 'apply') continue;
            const timer = messagingMetrics.handleSeconds.startTimer({ type: event.type });
            const applied = await runWithContext(eventContext(event), () =>
              this.applyIn(tx, prepared.data, prepared.meta, prepared.registrations, payload),
            );
            timer();
            outcomes[k] = applied ? 'applied' : 'duplicate';
          }
        });
      }
    } catch (err) {
      this.logger.debug(
        { err: (err as Error).message, messages: items.length },
        'a transaction of several events failed; applying them one by one',
      );
      return false;
    }
    items.forEach(({ event, payload }, k) => {
      runWithContext(eventContext(event), () => this.report(event, payload, outcomes[k]!));
    });
    return true;
  }

  /** The outcome's metric and log line (applied at info; duplicates and events of no interest at debug). */
  private report(event: CloudEvent, { topic, partition, message }: EachMessagePayload, outcome: Outcome): void {
    messagingMetrics.consumed.inc({ type: event.type, outcome });
    const fields = { type: event.type, eventId: event.id, topic, partition, offset: message.offset, outcome };
    if (outcome === 'applied') this.logger.info(fields, 'event applied');
    else this.logger.debug(fields, 'event consumed');
  }

  private async onMessage(payload: EachMessagePayload, producer: Producer): Promise<void> {
    const { topic, partition, message } = payload;
    let event: CloudEvent;
    try {
      event = decodeCloudEvent(message);
    } catch (err) {
      await this.deadLetter(producer, payload, `malformed: ${(err as Error).message}`);
      messagingMetrics.consumed.inc({ type: 'unknown', outcome: 'dead_lettered' });
      return;
    }
    // Inside the event's context: every line, the outcome's included, carries the correlation id
    // of the request that caused it, so a request can be followed into every service it changed.
    await runWithContext(eventContext(event), async () => {
      // Tracing on: the handling (inbox transaction, retries, dead-lettering) is the `process` span,
      // a child of the event's trace context (its CloudEvents `traceparent`). An event of no
      // interest to the service, skipped, has none: traces show only who acted on an event.
      const outcome =
        tracingEnabled() && !this.ofNoInterest(event, topic)
          ? await inProcessSpan(
              event,
              {
                topic,
                partition,
                offset: message.offset,
                group: this.groupId,
                sendTraceparent: message.headers?.traceparent?.toString(),
              },
              async (span) => {
                const result = await this.process(event, payload, producer);
                span.setAttribute('mentorflow.consumer.outcome', result);
                if (result === 'dead_lettered')
                  span.setStatus({ code: SpanStatusCode.ERROR, message: 'dead-lettered' });
                return result;
              },
            )
          : await this.process(event, payload, producer);
      this.report(event, payload, outcome);
    });
  }

  /** True for an event `process` skips ('ignored'): of its topic's context, but of a kind the service does not handle. */
  private ofNoInterest(event: CloudEvent, topic: string): boolean {
    if (this.byType.has(event.type)) return false;
    const parsed = parseEventType(event.type);
    if (!parsed || !this.topicContexts.get(topic)?.has(parsed.context)) return false;
    return !this.handledNames.has(`${parsed.context}.${parsed.name}`);
  }

  private async process(event: CloudEvent, payload: EachMessagePayload, producer: Producer): Promise<Outcome> {
    const prepared = await this.prepare(event, payload);
    if (prepared.kind === 'dead_letter') {
      await this.deadLetter(producer, payload, prepared.reason);
      return 'dead_lettered';
    }
    if (prepared.kind === 'ignored') return 'ignored';
    const { data, meta, registrations } = prepared;
    const maxAttempts = this.options.maxAttempts ?? 4;
    const backoff = this.options.retryBackoffMs ?? 200;
    for (let attempt = 1; ; attempt++) {
      const timer = messagingMetrics.handleSeconds.startTimer({ type: event.type });
      try {
        const applied = await this.applyOnce(data, meta, registrations, payload);
        timer();
        return applied ? 'applied' : 'duplicate';
      } catch (err) {
        timer();
        if (!(await this.databaseReachable())) {
          // Not the message's fault: let Kafka redeliver it once the database is back.
          throw new InfrastructureUnavailable(
            `database unavailable while handling ${event.type}: ${(err as Error).message}`,
          );
        }
        this.logger.warn(
          { err: (err as Error).message, type: event.type, eventId: event.id, attempt },
          'handler failed',
        );
        if (attempt >= maxAttempts) {
          await this.deadLetter(
            producer,
            payload,
            `handler failed after ${attempt} attempts: ${(err as Error).message}`,
          );
          return 'dead_lettered';
        }
        await new Promise((r) => setTimeout(r, backoff * 2 ** (attempt - 1)));
        await payload.heartbeat();
      }
    }
  }

  /**
   * What the event asks of this service: handlers to apply (its data opened and validated),
   * nothing (of no interest), or a dead letter with the reason. Throws when the keys topic or
   * the database cannot be reached (the message is then redelivered).
   */
  private async prepare(event: CloudEvent, payload: EachMessagePayload): Promise<Prepared> {
    const registrations = this.byType.get(event.type);
    const context = registrations?.[0]!.contract.context ?? parseEventType(event.type)?.context;
    const carried = this.topicContexts.get(payload.topic);
    if (context !== undefined && !carried?.has(context)) {
      return {
        kind: 'dead_letter',
        reason: `event type ${event.type} does not belong to topic ${payload.topic}: context ${context}, the topic is for ${
          carried ? [...carried].join(', ') : 'no context'
        }`,
      };
    }
    if (!registrations) {
      const parsed = parseEventType(event.type);
      if (!parsed) return { kind: 'dead_letter', reason: `unknown event type ${event.type}` };
      if (this.handledNames.has(`${parsed.context}.${parsed.name}`)) {
        return {
          kind: 'dead_letter',
          reason: `unsupported version ${parsed.version} of ${parsed.context}.${parsed.name}`,
        };
      }
      return { kind: 'ignored' };
    }
    let data: unknown;
    try {
      data = await this.keyRing.open(registrations[0]!.contract, event.data);
    } catch (err) {
      if (err instanceof SealedValueInvalid) {
        return { kind: 'dead_letter', reason: `personal data of ${event.type} does not decrypt: ${err.message}` };
      }
      // The person's key has not been read yet (Kafka unreachable): let Kafka redeliver the message.
      if (err instanceof PersonalDataKeysUnavailable) throw new InfrastructureUnavailable(err.message);
      throw err;
    }
    const parsed = registrations[0]!.contract.schema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');
      return { kind: 'dead_letter', reason: `invalid data for ${event.type}: ${issues}` };
    }
    const meta: EventMeta = {
      id: event.id,
      type: event.type,
      source: event.source,
      subject: event.subject,
      time: event.time,
      correlationId: event.correlationid,
      causationId: event.causationid,
    };
    return { kind: 'apply', data: parsed.data, meta, registrations };
  }

  /** Runs the handlers and records the event in the inbox in one transaction; false if already recorded. */
  private applyOnce(
    data: unknown,
    event: EventMeta,
    registrations: EventHandler[],
    payload: EachMessagePayload,
  ): Promise<boolean> {
    return this.dataSource.transaction((tx) => this.applyIn(tx, data, event, registrations, payload));
  }

  /** Inside `tx`: records the event in the inbox and runs its handlers; false if it was recorded before. */
  private async applyIn(
    tx: EntityManager,
    data: unknown,
    event: EventMeta,
    registrations: EventHandler[],
    { topic, partition, message }: EachMessagePayload,
  ): Promise<boolean> {
    const inserted = (await tx.query(
      `INSERT INTO inbox (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.groupId, event.id, event.type, topic, partition, message.offset],
    )) as unknown[];
    if (inserted.length === 0) return false;
    for (const handler of registrations) await handler.handle(data, event, tx);
    return true;
  }

  private async databaseReachable(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async deadLetter(
    producer: Producer,
    { topic, partition, message }: EachMessagePayload,
    reason: string,
  ): Promise<void> {
    const headers: Record<string, string | Buffer> = {};
    for (const [k, v] of Object.entries(message.headers ?? {})) {
      if (v !== undefined) headers[k] = Array.isArray(v) ? v[0]! : v;
    }
    Object.assign(headers, {
      'dlt-reason': reason,
      'dlt-original-topic': topic,
      'dlt-original-partition': String(partition),
      'dlt-original-offset': message.offset,
      'dlt-consumer-group': this.groupId,
      'dlt-failed-at': new Date().toISOString(),
    });
    const dlt = deadLetterTopicFor(this.options);
    await producer.send({ topic: dlt, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
    messagingMetrics.deadLettered.inc({ topic: dlt });
    this.logger.error(
      { reason, topic, partition, offset: message.offset, deadLetterTopic: dlt },
      'message dead-lettered',
    );
  }
}
