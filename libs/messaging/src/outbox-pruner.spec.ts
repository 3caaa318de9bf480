import { describe, expect, it, jest } from '@jest/globals';
import { testLogger } from '#testing';
import { messagingMetrics } from './metrics.js';
import { OUTBOX_PRUNE_SQL, OutboxPruner } from './outbox-pruner.js';

describe('outbox pruning', () => {
  it('deletes only published rows, the oldest first, past the retention', () => {
    expect(OUTBOX_PRUNE_SQL).toMatch(
      /published_at IS NOT NULL AND published_at < now\(\) - make_interval\(hours => \$1\)/,
    );
    expect(OUTBOX_PRUNE_SQL).toMatch(/ORDER BY id LIMIT \$2/);
  });

  it('deletes batch after batch until a batch is not full, and counts what it deleted', async () => {
    const batches = [3, 3, 1];
    const query = jest.fn(async (_sql: string, _params: unknown[]) => {
      // TypeORM answers a DELETE … RETURNING with [rows, count].
      const n = batches.shift() ?? 0;
      return [Array.from({ length: n }, (_, i) => ({ id: String(i) })), n];
    });
    const before = (await messagingMetrics.outboxPruned.get()).values[0]?.value ?? 0;
    const pruner = new OutboxPruner({ query, logger: testLogger(), retentionHours: 24, batchSize: 3, intervalMs: 0 });
    await expect(pruner.prune()).resolves.toBe(7);
    expect(query).toHaveBeenCalledTimes(3);
    expect(query.mock.calls[0]![1]).toEqual([24, 3]);
    expect((await messagingMetrics.outboxPruned.get()).values[0]?.value).toBe(before + 7);
  });

  it('keeps everything with a retention of 0 hours', async () => {
    const query = jest.fn(async () => []);
    const pruner = new OutboxPruner({ query, logger: testLogger(), retentionHours: 0 });
    await expect(pruner.prune()).resolves.toBe(0);
    pruner.start();
    await pruner.stop();
    expect(query).not.toHaveBeenCalled();
  });
});
