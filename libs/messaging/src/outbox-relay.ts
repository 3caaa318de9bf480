import { Inject, Injectable } from '@nestjs/common';
import { ROOT_CONTEXT, trace, type Span } from '@opentelemetry/api';
import type { Message, Producer } from 'kafkajs';
import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { injectTraceContext, tracingEnabled } from '#platform';
import type { CloudEvent } from './cloud-event.js';
import { encodeCloudEvent } from './cloud-event.js';
import { failSpan, startSendSpan } from './messaging-spans.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options.js';
import { messagingMetrics } from './metrics.js';
import { MESSAGING_LOGGER } from './tokens.js';
import { PERSONAL_DATA_KEY_ROW } from './personal-data/keys-topic.js';

const BATCH_SIZE = 200;
/** One relay per database publishes at a time, which keeps each key's events in order across replicas. */
const RELAY_LOCK_KEY = 7_001_001;

/**
 * Kafka messages per topic, in row order: a CloudEvent, or a person's key (null: its tombstone) as
 * it is. An event with a `send` span also carries that span's `traceparent` header (consumers link
 * their spans to it), beside the event's own `ce_traceparent`.
 */
function topicMessagesOf(
  rows: OutboxRow[],
  sendSpans?: Map<OutboxRow, Span>,
): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const list = byTopic.get(row.topic) ?? [];
    if (row.event_type === PERSONAL_DATA_KEY_ROW) {
      list.push({ key: row.message_key, value: row.envelope === null ? null : JSON.stringify(row.envelope) });
    } else {
      const message = encodeCloudEvent(row.envelope, row.message_key);
      const span = sendSpans?.get(row);
      if (span) Object.assign(message.headers, injectTraceContext(trace.setSpan(ROOT_CONTEXT, span)));
      list.push(message);
    }
    byTopic.set(row.topic, list);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** One connection of a relay pass; `release(err)` discards a connection that failed. */
interface RelayConnection {
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
  release(err?: Error): Promise<void>;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  event_type: string;
  /** A CloudEvent; for a personal-data key row, the key, or null for its tombstone. */
  envelope: CloudEvent;
}

/**
 * Publishes committed outbox rows to Kafka in id order with an idempotent producer. Rows are
 * claimed with FOR UPDATE SKIP LOCKED inside a transaction and marked published only after Kafka
 * acknowledged them, so a crash at any point republishes (consumers deduplicate) and never skips.
 * Woken by NOTIFY after each commit that wrote the outbox, and by a poll as a fallback.
 */
@Injectable()
export class OutboxRelay {
  private running = false;
  private wakeUp: (() => void) | undefined;
  private pending = false;
  private listener: pg.Client | undefined;
  private publisher: pg.Pool | undefined;
  private loop: Promise<void> | undefined;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
  ) {}

  async start(producer: Producer): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run(producer);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.publisher?.end().catch(() => undefined);
    this.publisher = undefined;
  }

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    try {
      const client = new pg.Client({ connectionString: url });
      client.on('notification', () => this.wake());
      client.on('error', (err) => {
        this.logger.warn({ err: err.message }, 'outbox listener lost its connection; polling until it is back');
        this.listener = undefined;
      });
      await client.connect();
      await client.query('LISTEN mentorflow_outbox');
      this.listener = client;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'outbox listener could not connect; polling');
    }
  }

  private async run(producer: Producer): Promise<void> {
    const poll = this.options.relayPollIntervalMs ?? 1000;
    while (this.running) {
      this.pending = false;
      try {
        while (this.running && (await this.publishBatch(producer)) > 0) {
          /* keep draining */
        }
        this.failures = 0;
      } catch (err) {
        this.failures++;
        this.logger.warn(
          { err: (err as Error).message, failures: this.failures },
          'outbox relay pass failed; retrying',
        );
      }
      if (!this.listener && this.running) await this.listen();
      const delay = this.failures ? Math.min(5000, 100 * 2 ** this.failures) : poll;
      if (!this.pending && this.running) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /**
   * The connection a pass publishes through: a dedicated one (a pool of one, reconnected after an
   * error) when the database URL is known, so that publishing never queues behind the requests and
   * handlers that hold the application's pool (under load they wait on row locks while holding
   * their connections); otherwise a query runner of the application's DataSource.
   */
  private async connection(): Promise<RelayConnection> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) {
      const qr = this.dataSource.createQueryRunner();
      await qr.connect();
      return { query: (sql, params) => qr.query(sql, params) as Promise<unknown[]>, release: () => qr.release() };
    }
    if (!this.publisher) {
      const pool = new pg.Pool({
        connectionString: url,
        max: 1,
        idleTimeoutMillis: 0,
        connectionTimeoutMillis: 5000,
        keepAlive: true,
        application_name: 'mentorflow-outbox-relay',
      });
      // An idle client's error is emitted on the pool: without a listener it would crash the process.
      pool.on('error', (err) =>
        this.logger.warn({ err: err.message }, 'outbox relay connection lost; reconnecting at the next pass'),
      );
      this.publisher = pool;
    }
    const client = await this.publisher.connect();
    // A checked-out client's connection can die between queries (say, while Kafka acknowledges a
    // batch, or when Postgres restarts): the error is emitted on the client, and unheard it
    // would crash the process. The failed pass is rolled back and retried instead.
    let lost: Error | undefined;
    const onError = (err: Error): void => {
      lost = err;
      this.logger.warn({ err: err.message }, 'outbox relay connection lost during a pass');
    };
    client.on('error', onError);
    return {
      query: async (sql, params) => {
        if (lost) throw lost;
        return (await client.query(sql, params)).rows as unknown[];
      },
      release: async (err) => {
        client.off('error', onError);
        client.release(err ?? lost);
      },
    };
  }

  /** Publishes one batch; returns how many rows it published. */
  async publishBatch(producer: Producer): Promise<number> {
    const db = await this.connection();
    let inTransaction = false;
    let broken: Error | undefined;
    try {
      await db.query('BEGIN');
      inTransaction = true;
      const [{ locked }] = (await db.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK_KEY])) as {
        locked: boolean;
      }[];
      if (!locked) {
        await db.query('ROLLBACK');
        inTransaction = false;
        return 0;
      }
      const rows = (await db.query(
        `SELECT id, topic, message_key, event_type, envelope FROM outbox
          WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      )) as OutboxRow[];
      if (rows.length === 0) {
        await db.query('COMMIT');
        inTransaction = false;
        return 0;
      }
      // People's keys first, acknowledged before the events sealed with them are sent: a consumer
      // that reads the keys topic to its end after such an event finds the key (KeyRing).
      const keyRows = rows.filter((r) => r.event_type === PERSONAL_DATA_KEY_ROW);
      const eventRows = keyRows.length ? rows.filter((r) => r.event_type !== PERSONAL_DATA_KEY_ROW) : rows;
      if (keyRows.length) await producer.sendBatch({ acks: -1, topicMessages: topicMessagesOf(keyRows) });
      if (eventRows.length) {
        // Tracing on: a `send` span per event, from the send to Kafka's acknowledgement.
        const sendSpans = tracingEnabled()
          ? new Map(eventRows.map((row) => [row, startSendSpan(row.envelope, row.topic, eventRows.length)]))
          : undefined;
        try {
          await producer.sendBatch({ acks: -1, topicMessages: topicMessagesOf(eventRows, sendSpans) });
        } catch (err) {
          for (const span of sendSpans?.values() ?? []) failSpan(span, err as Error);
          throw err;
        } finally {
          for (const span of sendSpans?.values() ?? []) span.end();
        }
      }
      // The moment Kafka acknowledged the batch (clock_timestamp(), not the transaction's start):
      // `npm run bench` splits the relay → handler time there (produce vs fetch and dispatch).
      await db.query(`UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      await db.query('COMMIT');
      inTransaction = false;
      for (const row of eventRows) {
        messagingMetrics.published.inc({ type: row.envelope.type });
        // One line per event, with the correlation id of the request that caused it: a request can
        // be followed from the gateway to every service its events reach.
        this.logger.info(
          {
            correlationId: row.envelope.correlationid,
            causationId: row.envelope.causationid,
            type: row.envelope.type,
            eventId: row.envelope.id,
            topic: row.topic,
          },
          'event published',
        );
      }
      return rows.length;
    } catch (err) {
      // A failed send (Kafka down) rolls back and keeps the connection; a connection that cannot
      // even roll back (or begin) is discarded and replaced at the next pass.
      if (!inTransaction) broken = err as Error;
      else await db.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw err;
    } finally {
      await db.release(broken);
    }
  }
}
