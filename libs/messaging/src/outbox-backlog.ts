import type { Logger } from 'pino';
import { messagingMetrics } from './metrics.js';

/** What one backlog query answers. */
export interface OutboxBacklog {
  /** Rows not yet published. */
  rows: number;
  /** Age in seconds of the oldest of them; 0 when none waits. */
  oldestSeconds: number;
}

/**
 * The backlog query: it reads only the unpublished rows, through the partial index that holds
 * just those (`outbox_unpublished_idx`), so it stays cheap whatever the size of the history.
 */
export const OUTBOX_BACKLOG_SQL = `SELECT count(*)::int AS rows,
  COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest
  FROM outbox WHERE published_at IS NULL`;

/** Reads the backlog query's single row (drivers give numbers or numeric strings). */
export function parseBacklogRow(rows: unknown): OutboxBacklog {
  const row = (Array.isArray(rows) ? rows[0] : undefined) as { rows?: unknown; oldest?: unknown } | undefined;
  const count = Number(row?.rows ?? 0);
  const oldest = Number(row?.oldest ?? 0);
  return { rows: Number.isFinite(count) ? count : 0, oldestSeconds: Number.isFinite(oldest) ? Math.max(0, oldest) : 0 };
}

export interface OutboxBacklogMonitorOptions {
  /** Runs SQL against the service's database (e.g. `dataSource.query`). */
  query: (sql: string) => Promise<unknown>;
  logger: Logger;
  /** Time between two samples (ms); default 10 s. */
  intervalMs?: number;
}

/**
 * Feeds `mentorflow_outbox_backlog` and `mentorflow_outbox_oldest_unpublished_seconds` from one
 * cheap query every `intervalMs`. Never throws into the application (a failed sample is logged once
 * per outage); `stop()` waits for a sample in flight.
 */
export class OutboxBacklogMonitor {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<OutboxBacklog | undefined> | undefined;
  private running = false;
  private stopped = false;
  private failing = false;

  constructor(private readonly options: OutboxBacklogMonitorOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(Math.min(1000, this.interval));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.pass;
  }

  /** One sample: sets the gauges and returns the backlog, or undefined when the database did not answer. */
  sample(): Promise<OutboxBacklog | undefined> {
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

  private async measure(): Promise<OutboxBacklog | undefined> {
    try {
      const backlog = parseBacklogRow(await this.options.query(OUTBOX_BACKLOG_SQL));
      messagingMetrics.outboxBacklog.set(backlog.rows);
      messagingMetrics.outboxOldestAge.set(backlog.oldestSeconds);
      this.failing = false;
      return backlog;
    } catch (err) {
      if (!this.failing && !this.stopped) {
        this.options.logger.warn(
          { err: (err as Error).message },
          'outbox backlog sampling failed; retrying at the next tick',
        );
      }
      this.failing = true;
      return undefined;
    }
  }
}
