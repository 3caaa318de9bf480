import type { Logger } from 'pino';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { messagingMetrics } from './metrics.js';
import { OUTBOX_BACKLOG_SQL, OutboxBacklogMonitor, parseBacklogRow } from './outbox-backlog.js';

async function value(gauge: typeof messagingMetrics.outboxBacklog): Promise<number | undefined> {
  return (await gauge.get()).values[0]?.value;
}

describe('outbox backlog', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reads the count and the age of the oldest unpublished row, whatever the driver returns', () => {
    expect(parseBacklogRow([{ rows: 12, oldest: 3.5 }])).toEqual({ rows: 12, oldestSeconds: 3.5 });
    expect(parseBacklogRow([{ rows: '4', oldest: '0.25' }])).toEqual({ rows: 4, oldestSeconds: 0.25 });
    expect(parseBacklogRow([])).toEqual({ rows: 0, oldestSeconds: 0 });
    expect(parseBacklogRow(undefined)).toEqual({ rows: 0, oldestSeconds: 0 });
  });

  it('only reads unpublished rows', () => {
    expect(OUTBOX_BACKLOG_SQL).toMatch(/FROM outbox WHERE published_at IS NULL/);
  });

  it('sets the gauges on each tick, never throws, and stops', async () => {
    jest.useFakeTimers();
    let fail = false;
    const query = jest.fn(async () => {
      if (fail) throw new Error('database gone');
      return [{ rows: 7, oldest: 1.5 }];
    });
    const warn = jest.fn();
    const monitor = new OutboxBacklogMonitor({ query, logger: { warn } as unknown as Logger, intervalMs: 2000 });
    monitor.start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(await value(messagingMetrics.outboxBacklog)).toBe(7);
    expect(await value(messagingMetrics.outboxOldestAge)).toBe(1.5);
    fail = true;
    await jest.advanceTimersByTimeAsync(4000);
    expect(query).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenCalledTimes(1);
    await monitor.stop();
    await jest.advanceTimersByTimeAsync(10000);
    expect(query).toHaveBeenCalledTimes(3);
  });
});
