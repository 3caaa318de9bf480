import type { Logger } from 'pino';
import { PollingLoop } from '#platform';
import { messagingMetrics } from './metrics.js';

/** Published outbox rows are kept this long by default (7 days), to look at what was sent. */
export const DEFAULT_OUTBOX_RETENTION_HOURS = 168;
/** Rows deleted per statement: short transactions, and the relay never waits long behind one. */
export const OUTBOX_PRUNE_BATCH = 1000;
/** How often the pruner looks for rows past their retention (ms). */
export const OUTBOX_PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Deletes up to `$2` published rows older than `$1` hours, oldest first. Only rows with a
 * `published_at` qualify: an unpublished row is never deleted, however old (the backlog, which
 * `mentorflow_outbox_backlog` counts, is untouched). Rows come in id order through the primary
 * key, so the first batches find the oldest rows at once; the outbox is small after the first
 * prune (RETENTION hours of events).
 */
export const OUTBOX_PRUNE_SQL = `DELETE FROM outbox WHERE id IN (
  SELECT id FROM outbox
   WHERE published_at IS NOT NULL AND published_at < now() - make_interval(hours => $1)
   ORDER BY id LIMIT $2)
  RETURNING id`;

export interface OutboxPrunerOptions {
  /** Runs SQL against the service's database (e.g. `dataSource.query`). */
  query: (sql: string, params: unknown[]) => Promise<unknown>;
  logger: Logger;
  /** Published rows older than this are deleted; 0 keeps them forever (the pruner never runs). */
  retentionHours: number;
  /** Between two prunes (ms); default OUTBOX_PRUNE_INTERVAL_MS; 0: never on its own (tests call `prune`). */
  intervalMs?: number;
  batchSize?: number;
}

/**
 * Keeps the outbox bounded: every `intervalMs` it deletes the rows published more than
 * `retentionHours` ago, in batches until none is left. Several replicas may prune at once (the
 * deletes are idempotent). Runs beside the relay and never throws into the application.
 */
export class OutboxPruner {
  private readonly loop: PollingLoop;

  constructor(private readonly options: OutboxPrunerOptions) {
    this.loop = new PollingLoop({
      what: 'outbox pruning',
      tickMs: options.retentionHours > 0 ? (options.intervalMs ?? OUTBOX_PRUNE_INTERVAL_MS) : 0,
      logger: options.logger,
      pass: async () => (await this.pruneBatch()) === this.batchSize,
    });
  }

  private get batchSize(): number {
    return this.options.batchSize ?? OUTBOX_PRUNE_BATCH;
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Deletes every row past its retention, batch after batch; returns how many. 0 hours: none. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.pruneBatch();
      total += deleted;
      if (deleted < this.batchSize) return total;
    }
  }

  /** One batch; returns how many rows it deleted. */
  async pruneBatch(): Promise<number> {
    if (this.options.retentionHours <= 0) return 0;
    const rows = await this.options.query(OUTBOX_PRUNE_SQL, [this.options.retentionHours, this.batchSize]);
    const deleted = Array.isArray(rows) ? (Array.isArray(rows[0]) ? rows[0].length : rows.length) : 0;
    if (deleted > 0) {
      messagingMetrics.outboxPruned.inc(deleted);
      this.options.logger.info(
        { deleted, retentionHours: this.options.retentionHours },
        'published outbox rows pruned',
      );
    }
    return deleted;
  }
}
