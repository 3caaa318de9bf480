import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it, jest } from '@jest/globals';
import { messagingMetrics } from './metrics.js';
import { checkEventsRetention, retentionProblem } from './topic-retention.js';

/** A logger whose lines are kept, to see what was warned. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** A Kafka whose admin answers DescribeConfigs with these topics' settings (or fails). */
function fakeKafka(configs: Record<string, Record<string, string | null>> | Error) {
  const admin = {
    connect: jest.fn(async () => undefined),
    disconnect: jest.fn(async () => undefined),
    describeConfigs: jest.fn(async ({ resources }: { resources: { name: string }[] }) => {
      if (configs instanceof Error) throw configs;
      return {
        resources: resources.map(({ name }) => ({
          resourceName: name,
          configEntries: Object.entries(configs[name] ?? {}).map(([configName, configValue]) => ({
            configName,
            configValue,
          })),
        })),
      };
    }),
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, admin };
}

describe('events topic retention', () => {
  it('is fine only with unlimited time and size (-1 both)', () => {
    expect(retentionProblem({ topic: 't', retentionMs: '-1', retentionBytes: '-1' })).toBeUndefined();
    expect(retentionProblem({ topic: 't', retentionMs: '604800000', retentionBytes: '-1' })).toMatch(
      /^retention\.ms=604800000 \(/,
    );
    expect(retentionProblem({ topic: 't', retentionMs: '-1', retentionBytes: '1073741824' })).toMatch(
      /^retention\.bytes=1073741824 \(/,
    );
    expect(retentionProblem({ topic: 't', retentionMs: '1000', retentionBytes: '10' })).toMatch(
      /retention\.ms=1000, retention\.bytes=10/,
    );
    // Not answered: the broker's default, a week, is what applies; so it is a problem too.
    expect(retentionProblem({ topic: 't', retentionMs: undefined, retentionBytes: '-1' })).toMatch(
      /retention\.ms=unknown/,
    );
  });

  it('warns about each limited topic with its settings, sets the gauge, and stays silent about the others', async () => {
    const { kafka, admin } = fakeKafka({
      'a.events': { 'retention.ms': '604800000', 'retention.bytes': '-1' },
      'b.events': { 'retention.ms': '-1', 'retention.bytes': '-1' },
    });
    const { logger, lines } = capturingLogger();
    const limited = await checkEventsRetention({ kafka, topics: ['a.events', 'b.events'], logger });
    expect(limited).toEqual([{ topic: 'a.events', retentionMs: '604800000', retentionBytes: '-1' }]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, topic: 'a.events', retentionMs: '604800000', retentionBytes: '-1' });
    expect(String(lines[0]!.msg)).toMatch(/events topic a\.events deletes old events: retention\.ms=604800000/);
    const gauge = (await messagingMetrics.eventsRetentionLimited.get()).values;
    expect(gauge.find((v) => v.labels.topic === 'a.events')?.value).toBe(1);
    expect(gauge.find((v) => v.labels.topic === 'b.events')?.value).toBe(0);
    expect(admin.disconnect).toHaveBeenCalled();
  });

  it('never fails the start-up: a broker that does not answer is a warning', async () => {
    const { kafka } = fakeKafka(new Error('Topic authorization failed'));
    const { logger, lines } = capturingLogger();
    await expect(checkEventsRetention({ kafka, topics: ['a.events'], logger })).resolves.toBeUndefined();
    expect(lines[0]).toMatchObject({
      err: 'Topic authorization failed',
      msg: 'could not read the retention of the events topics',
    });
  });

  it('asks nothing of a service that consumes no topic', async () => {
    const { kafka, admin } = fakeKafka({});
    await expect(checkEventsRetention({ kafka, topics: [], logger: capturingLogger().logger })).resolves.toEqual([]);
    expect(admin.connect).not.toHaveBeenCalled();
  });
});
