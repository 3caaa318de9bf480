import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { ValidationError } from '#ddd';
import { decodeCursor, type Identity } from '#platform';
import { audiencesOf } from '../domain/routing.js';
import { LIVE_CHANNEL, listenLive, notifyLive } from '../persistence/live-channel.js';
import { NotificationRepository, type NotificationRecord } from '../persistence/notification.repository.js';
import { LiveQueue } from './live-queue.js';

export const LIVE_LOGGER = Symbol('LIVE_LOGGER');

/** One event of a cohort, as `cohortActivity` delivers it. */
export interface CohortActivityRecord {
  eventId: string;
  type: string;
  name: string;
  cohortId: string;
  subject: string;
  internId: string | null;
  occurredAt: Date;
  summary: string;
}

type LiveMessage =
  | {
      kind: 'notification';
      notification: Omit<NotificationRecord, 'occurredAt' | 'createdAt' | 'readAt'> & {
        occurredAt: string;
        createdAt: string;
      };
    }
  | { kind: 'activity'; activity: Omit<CohortActivityRecord, 'occurredAt'> & { occurredAt: string } };

interface NotificationSubscriber {
  userId: string;
  audiences: Set<string>;
  queue: LiveQueue<NotificationRecord>;
  /** Ids delivered lately: a catch-up never delivers one twice. */
  delivered: Set<string>;
  /** Live items held back while the subscriber's catch-up query runs. */
  held: NotificationRecord[] | undefined;
}

const RECENT_IDS = 500;
const CATCH_UP_LIMIT = 500;

/**
 * Live delivery of notifications and cohort activity to the subscribers connected to this
 * replica. The Kafka consumer group hands each event to ONE gateway replica, but a subscriber
 * may be connected to any: so the consumer does not deliver itself. In the transaction that
 * stores a notification it runs `pg_notify('mentorflow_live', …)`; Postgres delivers it on
 * commit (never for a rolled-back event) to every replica, each LISTENing on one dedicated
 * connection, and each hands it to its own subscribers. If that connection drops, the replica
 * reconnects and catches its subscribers up from the table (notifications are stored; activity
 * is a live feed only).
 */
@Injectable()
export class LiveNotifications implements OnModuleInit, OnModuleDestroy {
  private readonly notificationSubscribers = new Set<NotificationSubscriber>();
  private readonly activitySubscribers = new Map<string, Set<LiveQueue<CohortActivityRecord>>>();
  private listener: pg.Client | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private lostAt: Date | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: NotificationRepository,
    @Inject(LIVE_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    for (const s of this.notificationSubscribers) void s.queue.return();
    for (const set of this.activitySubscribers.values()) for (const q of set) void q.return();
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** True while this replica receives live messages. */
  get listening(): boolean {
    return !!this.listener;
  }

  // ---- publishing (inside the consumer's transaction: delivered on commit) ---------------------

  async publishNotification(tx: EntityManager, n: NotificationRecord): Promise<void> {
    const message: LiveMessage = {
      kind: 'notification',
      notification: { ...n, occurredAt: n.occurredAt.toISOString(), createdAt: n.createdAt.toISOString() },
    };
    await notifyLive(tx, JSON.stringify(message));
  }

  async publishActivity(tx: EntityManager, a: CohortActivityRecord): Promise<void> {
    const message: LiveMessage = { kind: 'activity', activity: { ...a, occurredAt: a.occurredAt.toISOString() } };
    await notifyLive(tx, JSON.stringify(message));
  }

  // ---- subscribing ---------------------------------------------------------------------------

  /**
   * The signed-in user's notifications as they are stored. With `after` (the cursor of the last
   * notification the client has), first everything stored since, oldest first, then live: a
   * reconnecting client misses nothing. Without it, live only (the query gives what is unread).
   */
  notifications(identity: Identity, after?: string | null): AsyncIterableIterator<NotificationRecord> {
    const afterSeq = after ? cursorSeq(after) : undefined;
    const subscriber: NotificationSubscriber = {
      userId: identity.sub,
      audiences: new Set(audiencesOf(identity)),
      queue: new LiveQueue<NotificationRecord>(() => this.notificationSubscribers.delete(subscriber)),
      delivered: new Set(),
      held: afterSeq ? [] : undefined,
    };
    this.notificationSubscribers.add(subscriber);
    if (afterSeq)
      void this.catchUp(subscriber, () =>
        this.repository.since(subscriber.userId, [...subscriber.audiences], afterSeq, CATCH_UP_LIMIT),
      );
    return subscriber.queue;
  }

  /** Every event of the cohort as the gateway consumes it (the caller checked it is a program manager). */
  cohortActivity(cohortId: string): AsyncIterableIterator<CohortActivityRecord> {
    let set = this.activitySubscribers.get(cohortId);
    if (!set) this.activitySubscribers.set(cohortId, (set = new Set()));
    const queue: LiveQueue<CohortActivityRecord> = new LiveQueue(() => {
      set.delete(queue);
      if (set.size === 0) this.activitySubscribers.delete(cohortId);
    });
    set.add(queue);
    return queue;
  }

  get subscriberCount(): number {
    let n = this.notificationSubscribers.size;
    for (const set of this.activitySubscribers.values()) n += set.size;
    return n;
  }

  // ---- delivery ------------------------------------------------------------------------------

  /** Hands one live message to this replica's subscribers (public for tests). */
  dispatch(raw: string): void {
    let message: LiveMessage;
    try {
      message = JSON.parse(raw) as LiveMessage;
    } catch {
      this.logger.warn({ payload: raw.slice(0, 200) }, 'ignoring a live message that is not JSON');
      return;
    }
    if (message.kind === 'notification') {
      const n = message.notification;
      const record: NotificationRecord = {
        ...n,
        occurredAt: new Date(n.occurredAt),
        createdAt: new Date(n.createdAt),
        readAt: null,
      };
      for (const s of this.notificationSubscribers) {
        if (s.audiences.has(record.audience)) this.deliver(s, record);
      }
    } else if (message.kind === 'activity') {
      const a = message.activity;
      const record: CohortActivityRecord = { ...a, occurredAt: new Date(a.occurredAt) };
      for (const q of this.activitySubscribers.get(record.cohortId) ?? []) q.push(record);
    }
  }

  private deliver(s: NotificationSubscriber, n: NotificationRecord): void {
    if (s.held) {
      s.held.push(n);
      return;
    }
    if (s.delivered.has(n.id)) return;
    s.delivered.add(n.id);
    if (s.delivered.size > RECENT_IDS) s.delivered.delete(s.delivered.values().next().value as string);
    s.queue.push(n);
  }

  private async catchUp(s: NotificationSubscriber, load: () => Promise<NotificationRecord[]>): Promise<void> {
    s.held ??= [];
    try {
      const stored = await load();
      const held = s.held;
      s.held = undefined;
      for (const n of stored) if (s.audiences.has(n.audience)) this.deliver(s, n);
      for (const n of held) this.deliver(s, n);
    } catch (err) {
      s.held = undefined;
      this.logger.warn({ err: (err as Error).message }, 'notification catch-up failed');
      s.queue.fail(new Error('could not load the notifications to catch up on; subscribe again'));
    }
  }

  // ---- the LISTEN connection -----------------------------------------------------------------

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url || this.stopped) return;
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => {
      if (msg.channel === LIVE_CHANNEL && msg.payload) this.dispatch(msg.payload);
    });
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.lostAt ??= new Date();
      this.logger.warn({ err: err?.message }, 'live listener lost its connection; reconnecting');
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await listenLive(client);
      this.listener = client;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'live listener could not connect; retrying');
      void client.end().catch(() => undefined);
      this.lostAt ??= new Date();
      this.scheduleReconnect();
      return;
    }
    if (this.lostAt) {
      // Whatever was stored while nobody listened: from a little before the loss (commit times differ).
      const since = new Date(this.lostAt.getTime() - 5_000);
      this.lostAt = undefined;
      for (const s of this.notificationSubscribers)
        void this.catchUp(s, () => this.repository.storedSince(since, CATCH_UP_LIMIT));
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.listen();
    }, 1_000);
    this.reconnectTimer.unref();
  }
}

/** The sequence number inside a notification cursor. */
export function cursorSeq(cursor: string, field = 'after'): string {
  const { sort } = decodeCursor(cursor, field);
  if (!/^\d{1,19}$/.test(sort)) throw ValidationError.field(field, 'is not a cursor returned by this connection');
  return sort;
}
