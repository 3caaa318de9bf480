import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { computeLag, ConsumerLagMonitor } from './consumer-lag.js';
import { messagingMetrics } from './metrics.js';

const silent = pino({ level: 'silent' });

describe('computeLag', () => {
  it('is the high watermark minus the committed offset, per topic and partition, sorted', () => {
    const lag = computeLag(
      [
        { topic: 'b', partitions: [{ partition: 0, offset: '7' }] },
        {
          topic: 'a',
          partitions: [
            { partition: 1, offset: '10' },
            { partition: 0, offset: '3' },
          ],
        },
      ],
      [
        {
          topic: 'a',
          partitions: [
            { partition: 0, high: '5', low: '0' },
            { partition: 1, high: '10', low: '0' },
          ],
        },
        { topic: 'b', partitions: [{ partition: 0, high: '12', low: '0' }] },
      ],
    );
    expect(lag).toEqual([
      { topic: 'a', partition: 0, lag: 2 },
      { topic: 'a', partition: 1, lag: 0 },
      { topic: 'b', partition: 0, lag: 5 },
    ]);
  });

  it('counts from the log start where the group never committed or retention deleted its offset', () => {
    const lag = computeLag(
      [
        {
          topic: 't',
          partitions: [
            { partition: 0, offset: '-1' },
            { partition: 1, offset: '2' },
          ],
        },
      ],
      [
        {
          topic: 't',
          partitions: [
            { partition: 0, high: '9', low: '4' },
            { partition: 1, high: '30', low: '20' },
            { partition: 2, high: '3', low: '0' },
          ],
        },
      ],
    );
    expect(lag).toEqual([
      { topic: 't', partition: 0, lag: 5 },
      { topic: 't', partition: 1, lag: 10 },
      { topic: 't', partition: 2, lag: 3 },
    ]);
  });

  it('is never negative (a commit can be read before the new high watermark)', () => {
    expect(
      computeLag(
        [{ topic: 't', partitions: [{ partition: 0, offset: '11' }] }],
        [{ topic: 't', partitions: [{ partition: 0, high: '10', low: '0' }] }],
      ),
    ).toEqual([{ topic: 't', partition: 0, lag: 0 }]);
  });
});

function fakeKafka(
  admin: Partial<
    Record<'connect' | 'disconnect' | 'fetchOffsets' | 'fetchTopicOffsets', (...args: any[]) => Promise<unknown>>
  >,
) {
  const made = { connect: jest.fn(async () => undefined), disconnect: jest.fn(async () => undefined), ...admin };
  const kafka = { admin: jest.fn(() => made) } as unknown as Kafka;
  return { kafka, admin: made };
}

async function gaugeValue(labels: { group: string; topic: string; partition: string }): Promise<number | undefined> {
  const { values } = await messagingMetrics.consumerLag.get();
  return values.find(
    (v) =>
      v.labels.group === labels.group && v.labels.topic === labels.topic && v.labels.partition === labels.partition,
  )?.value;
}

describe('ConsumerLagMonitor', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('sets mentorflow_consumer_lag per group, topic and partition from one admin round trip', async () => {
    const { kafka, admin } = fakeKafka({
      fetchOffsets: jest.fn(async () => [{ topic: 'lag.t', partitions: [{ partition: 0, offset: '4' }] }]),
      fetchTopicOffsets: jest.fn(async () => [{ partition: 0, offset: '10', high: '10', low: '0' }]),
    });
    const monitor = new ConsumerLagMonitor({ kafka, groupId: 'g-unit', topics: () => ['lag.t'], logger: silent });
    expect(await monitor.sample()).toEqual([{ topic: 'lag.t', partition: 0, lag: 6 }]);
    expect(await gaugeValue({ group: 'g-unit', topic: 'lag.t', partition: '0' })).toBe(6);
    expect(admin.fetchOffsets).toHaveBeenCalledWith({ groupId: 'g-unit', topics: ['lag.t'] });
    await monitor.stop();
    expect(admin.disconnect).toHaveBeenCalled();
  });

  it('never throws when Kafka does not answer: logs once, keeps the last value, reconnects next time', async () => {
    let down = true;
    const warn = jest.fn();
    const logger = { warn, info: jest.fn() } as unknown as typeof silent;
    const { kafka } = fakeKafka({
      fetchOffsets: jest.fn(async () => {
        if (down) throw new Error('broker unreachable');
        return [{ topic: 'lag.down', partitions: [{ partition: 0, offset: '1' }] }];
      }),
      fetchTopicOffsets: jest.fn(async () => [{ partition: 0, offset: '3', high: '3', low: '0' }]),
    });
    const monitor = new ConsumerLagMonitor({ kafka, groupId: 'g-down', topics: () => ['lag.down'], logger });
    await expect(monitor.sample()).resolves.toBeUndefined();
    await expect(monitor.sample()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(kafka.admin).toHaveBeenCalledTimes(2);
    down = false;
    expect(await monitor.sample()).toEqual([{ topic: 'lag.down', partition: 0, lag: 2 }]);
    await monitor.stop();
  });

  it('samples on a timer once started and stops sampling on stop()', async () => {
    jest.useFakeTimers();
    const fetchOffsets = jest.fn(async () => [] as unknown[]);
    const { kafka } = fakeKafka({ fetchOffsets, fetchTopicOffsets: jest.fn(async () => []) });
    const monitor = new ConsumerLagMonitor({
      kafka,
      groupId: 'g-timer',
      topics: () => ['lag.timer'],
      logger: silent,
      intervalMs: 5000,
    });
    monitor.start();
    await jest.advanceTimersByTimeAsync(1000);
    expect(fetchOffsets).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(5000);
    expect(fetchOffsets).toHaveBeenCalledTimes(2);
    await monitor.stop();
    await jest.advanceTimersByTimeAsync(20000);
    expect(fetchOffsets).toHaveBeenCalledTimes(2);
    await expect(monitor.sample()).resolves.toBeUndefined();
  });

  it('does not hold shutdown up behind a pass that hangs', async () => {
    const { kafka } = fakeKafka({
      fetchOffsets: () => new Promise(() => undefined),
      fetchTopicOffsets: jest.fn(async () => []),
    });
    const monitor = new ConsumerLagMonitor({ kafka, groupId: 'g-hang', topics: () => ['lag.hang'], logger: silent });
    void monitor.sample();
    const started = Date.now();
    await monitor.stop(50);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
