import { Inject, Injectable } from '@nestjs/common';
import { SpanStatusCode } from '@opentelemetry/api';
import type { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
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

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead_lettered';

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
        eachMessage: (payload) => this.onMessage(payload, producer),
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
    await runWithContext({ correlationId: event.correlationid, causationId: event.id }, async () => {
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
      messagingMetrics.consumed.inc({ type: event.type, outcome });
      const fields = { type: event.type, eventId: event.id, topic, partition, offset: message.offset, outcome };
      // Applied events at info; duplicates and events of no interest only at debug.
      if (outcome === 'applied') this.logger.info(fields, 'event applied');
      else this.logger.debug(fields, 'event consumed');
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
    const registrations = this.byType.get(event.type);
    const context = registrations?.[0]!.contract.context ?? parseEventType(event.type)?.context;
    const carried = this.topicContexts.get(payload.topic);
    if (context !== undefined && !carried?.has(context)) {
      await this.deadLetter(
        producer,
        payload,
        `event type ${event.type} does not belong to topic ${payload.topic}: context ${context}, the topic is for ${
          carried ? [...carried].join(', ') : 'no context'
        }`,
      );
      return 'dead_lettered';
    }
    if (!registrations) {
      const parsed = parseEventType(event.type);
      if (!parsed) {
        await this.deadLetter(producer, payload, `unknown event type ${event.type}`);
        return 'dead_lettered';
      }
      if (this.handledNames.has(`${parsed.context}.${parsed.name}`)) {
        await this.deadLetter(
          producer,
          payload,
          `unsupported version ${parsed.version} of ${parsed.context}.${parsed.name}`,
        );
        return 'dead_lettered';
      }
      return 'ignored';
    }
    let data: unknown;
    try {
      data = await this.keyRing.open(registrations[0]!.contract, event.data);
    } catch (err) {
      if (err instanceof SealedValueInvalid) {
        await this.deadLetter(producer, payload, `personal data of ${event.type} does not decrypt: ${err.message}`);
        return 'dead_lettered';
      }
      // The person's key has not been read yet (Kafka unreachable): let Kafka redeliver the message.
      if (err instanceof PersonalDataKeysUnavailable) throw new InfrastructureUnavailable(err.message);
      throw err;
    }
    const parsed = registrations[0]!.contract.schema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');
      await this.deadLetter(producer, payload, `invalid data for ${event.type}: ${issues}`);
      return 'dead_lettered';
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
    const maxAttempts = this.options.maxAttempts ?? 4;
    const backoff = this.options.retryBackoffMs ?? 200;
    for (let attempt = 1; ; attempt++) {
      const timer = messagingMetrics.handleSeconds.startTimer({ type: event.type });
      try {
        const applied = await this.applyOnce(parsed.data, meta, registrations, payload);
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

  /** Runs the handlers and records the event in the inbox in one transaction; false if already recorded. */
  private async applyOnce(
    data: unknown,
    event: EventMeta,
    registrations: EventHandler[],
    { topic, partition, message }: EachMessagePayload,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const inserted = (await tx.query(
        `INSERT INTO inbox (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.groupId, event.id, event.type, topic, partition, message.offset],
      )) as unknown[];
      if (inserted.length === 0) return false;
      for (const handler of registrations) await handler.handle(data, event, tx);
      return true;
    });
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
