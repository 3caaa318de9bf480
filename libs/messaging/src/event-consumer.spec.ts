import type { EachBatchPayload, Kafka, KafkaMessage, Producer, ProducerRecord } from 'kafkajs';
import { pino } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import { defineEvent } from '#contracts';
import { encodeCloudEvent, newCloudEvent } from './cloud-event.js';
import { contextsByTopic, EventConsumer, MAX_MESSAGES_PER_TRANSACTION } from './event-consumer.js';
import { on, type EventHandler, type EventMeta } from './event-handler.js';
import { KeyRing } from './personal-data/key-ring.js';
import type { MessagingOptions } from './messaging-options.js';

// The consumer's dispatch, through its public surface, on a fake Kafka consumer and database.

const MentorAssignedV1 = defineEvent('mentors', 'TestMentorAssigned', 1, z.object({ mentorId: z.string() }));
const CohortOpenedV1 = defineEvent('cohorts', 'TestCohortOpened', 1, z.object({ cohortId: z.string() }));

const silent = pino({ level: 'silent' });

/** The handlers here have no personal fields: the ring never reads Kafka (see key-ring.integration-spec.ts). */
function keyRing(): KeyRing {
  return new KeyRing({} as Kafka, { service: 'mentors', brokers: [] }, silent);
}

class RecordingHandler {
  readonly handled: (EventMeta & { data: unknown })[] = [];
  readonly handlers = [MentorAssignedV1, CohortOpenedV1].map((contract) =>
    on(contract, async (data, meta) => {
      this.handled.push({ ...meta, data });
    }),
  );
}

/** A database whose transactions run on `tx` (its inbox insert always records the event). */
function fakeDataSource(tx: EntityManager, calls: string[] = []): DataSource {
  return {
    transaction: async <T>(fn: (m: EntityManager) => Promise<T>) => {
      calls.push('begin');
      const result = await fn(tx);
      calls.push('commit');
      return result;
    },
    query: async () => [{ '?column?': 1 }],
  } as unknown as DataSource;
}

/**
 * An EventConsumer started on a fake Kafka: `deliver` hands it one message as KafkaJS would.
 * `handler` records what it handles, unless other entries and another database are given.
 */
async function startedConsumer(
  options: Partial<MessagingOptions> = {},
  given?: { handlers: readonly EventHandler<any>[]; dataSource: DataSource },
) {
  const handler = new RecordingHandler();
  const tx = { query: async () => [{ event_id: 'x' }] } as unknown as EntityManager;
  const dataSource = given?.dataSource ?? fakeDataSource(tx);
  const consumer = new EventConsumer(
    dataSource,
    { service: 'mentors', brokers: [], maxAttempts: 1, ...options },
    silent,
    keyRing(),
  );
  consumer.register(given?.handlers ?? handler.handlers);
  let eachBatch: ((p: EachBatchPayload) => Promise<void>) | undefined;
  const fakeConsumer = {
    events: { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' },
    on: () => undefined,
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async (config: { eachBatch: (p: EachBatchPayload) => Promise<void>; eachBatchAutoResolve: boolean }) => {
      expect(config.eachBatchAutoResolve).toBe(false);
      eachBatch = config.eachBatch;
    },
    disconnect: async () => undefined,
  };
  const sent: ProducerRecord[] = [];
  const producer = { send: async (record: ProducerRecord) => (sent.push(record), []) } as unknown as Producer;
  await consumer.start({ consumer: () => fakeConsumer } as unknown as Kafka, producer);
  let offset = 0;
  /** The offsets the consumer resolved (what KafkaJS would commit), in order. */
  const resolved: string[] = [];
  const message = (type: string, data: unknown): KafkaMessage => {
    const record = encodeCloudEvent(newCloudEvent({ type, source: '/test', subject: 'agg-1', data }), 'agg-1');
    return {
      key: Buffer.from(record.key),
      value: record.value,
      headers: record.headers,
      offset: String(offset++),
    } as unknown as KafkaMessage;
  };
  /** Hands the consumer one fetch of one partition, as KafkaJS would. */
  const deliverBatch = async (topic: string, messages: KafkaMessage[]): Promise<void> => {
    await eachBatch!({
      batch: { topic, partition: 0, messages },
      resolveOffset: (o: string) => void resolved.push(o),
      heartbeat: async () => undefined,
      pause: () => () => undefined,
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload);
  };
  const deliver = (topic: string, type: string, data: unknown) => deliverBatch(topic, [message(type, data)]);
  const deadLetters = () =>
    sent.flatMap((r) => r.messages.map((m) => ({ topic: r.topic, headers: m.headers as Record<string, string> })));
  return { consumer, handler, deliver, deliverBatch, message, resolved, deadLetters };
}

describe('EventConsumer: an event must belong to the context of the topic it came on', () => {
  it('subscribes to the topic of each context it handles', async () => {
    const { consumer } = await startedConsumer();
    expect(consumer.topics).toEqual(['mentorflow.cohorts.events', 'mentorflow.mentors.events']);
  });

  it('applies a mentors event that came on the mentors topic', async () => {
    const { handler, deliver, deadLetters } = await startedConsumer();
    await deliver('mentorflow.mentors.events', MentorAssignedV1.type, { mentorId: 'm-1' });
    expect(handler.handled.map((e) => e.type)).toEqual([MentorAssignedV1.type]);
    expect(deadLetters()).toEqual([]);
  });

  it('dead-letters a mentors event produced to the cohorts topic, saying so, and never handles it', async () => {
    const { handler, deliver, deadLetters } = await startedConsumer();
    await deliver('mentorflow.cohorts.events', MentorAssignedV1.type, { mentorId: 'forged' });
    expect(handler.handled).toEqual([]);
    const [dead, ...more] = deadLetters();
    expect(more).toEqual([]);
    expect(dead!.topic).toBe('mentorflow.mentors.dead-letter');
    expect(dead!.headers['dlt-reason']).toBe(
      'event type mentorflow.mentors.TestMentorAssigned.v1 does not belong to topic mentorflow.cohorts.events: ' +
        'context mentors, the topic is for cohorts',
    );
    expect(dead!.headers['dlt-original-topic']).toBe('mentorflow.cohorts.events');
    expect(dead!.headers.ce_type).toBe(MentorAssignedV1.type);
  });

  it('dead-letters a foreign event it does not even handle, and one of a context that does not exist', async () => {
    const { handler, deliver, deadLetters } = await startedConsumer();
    await deliver('mentorflow.cohorts.events', 'mentorflow.scoping.ProjectApproved.v1', {});
    await deliver('mentorflow.cohorts.events', 'mentorflow.admin.RoleGranted.v1', {});
    expect(handler.handled).toEqual([]);
    expect(deadLetters().map((d) => d.headers['dlt-reason'])).toEqual([
      expect.stringMatching(
        /^event type mentorflow\.scoping\.ProjectApproved\.v1 does not belong to topic mentorflow\.cohorts\.events: context scoping, the topic is for cohorts$/,
      ),
      expect.stringMatching(
        /^event type mentorflow\.admin\.RoleGranted\.v1 does not belong to topic mentorflow\.cohorts\.events: context admin, the topic is for cohorts$/,
      ),
    ]);
  });

  it('still ignores an event of the topic’s own context that it does not handle', async () => {
    const { handler, deliver, deadLetters } = await startedConsumer();
    await deliver('mentorflow.cohorts.events', 'mentorflow.cohorts.SomethingElse.v1', {});
    expect(handler.handled).toEqual([]);
    expect(deadLetters()).toEqual([]);
  });

  it('accepts every context on a topic that a test maps them all to', async () => {
    const { handler, deliver, deadLetters } = await startedConsumer({ topics: { events: () => 'test.shared.events' } });
    await deliver('test.shared.events', MentorAssignedV1.type, { mentorId: 'm-2' });
    await deliver('test.shared.events', CohortOpenedV1.type, { cohortId: 'c-2' });
    expect(handler.handled.map((e) => e.type)).toEqual([MentorAssignedV1.type, CohortOpenedV1.type]);
    expect(deadLetters()).toEqual([]);
  });
});

describe('contextsByTopic', () => {
  it('maps each standard topic to its one context', () => {
    const map = contextsByTopic({ service: 'x', brokers: [] });
    expect([...map].map(([topic, contexts]) => [topic, [...contexts]])).toEqual([
      ['mentorflow.cohorts.events', ['cohorts']],
      ['mentorflow.mentors.events', ['mentors']],
      ['mentorflow.scoping.events', ['scoping']],
      ['mentorflow.evaluations.events', ['evaluations']],
    ]);
  });
});

describe('EventConsumer: entries registered with `on`', () => {
  it('runs every entry of the event’s type, in the order registered, in one transaction with the inbox row', async () => {
    const calls: string[] = [];
    const tx = { query: async () => (calls.push('inbox'), [{ event_id: 'x' }]) } as unknown as EntityManager;
    const handlers = [
      on(MentorAssignedV1, async (data, meta, t) => {
        calls.push(`project ${data.mentorId} (${meta.subject}, same tx: ${t === tx})`);
      }),
      on(CohortOpenedV1, async () => {
        calls.push('never: another type');
      }),
      on(MentorAssignedV1, async (data) => {
        calls.push(`notify ${data.mentorId}`);
      }),
    ];
    const { deliver } = await startedConsumer({}, { handlers, dataSource: fakeDataSource(tx, calls) });
    await deliver('mentorflow.mentors.events', MentorAssignedV1.type, { mentorId: 'm-1' });
    expect(calls).toEqual(['begin', 'inbox', 'project m-1 (agg-1, same tx: true)', 'notify m-1', 'commit']);
  });
});

describe('EventConsumer: the messages of one fetch', () => {
  /** A database whose transactions record begin/commit/rollback, and a tx whose inbox insert records the event. */
  function recordingDatabase() {
    const calls: string[] = [];
    const tx = {
      query: async (_sql: string, params: unknown[]) => (calls.push(`inbox ${String(params[1]).slice(0, 4)}`), [{}]),
    } as unknown as EntityManager;
    const dataSource = {
      transaction: async <T>(fn: (m: EntityManager) => Promise<T>) => {
        calls.push('begin');
        try {
          const result = await fn(tx);
          calls.push('commit');
          return result;
        } catch (err) {
          calls.push('rollback');
          throw err;
        }
      },
      query: async () => [{ '?column?': 1 }],
    } as unknown as DataSource;
    return { calls, dataSource };
  }

  it('are applied in one transaction, in order, each with its inbox row, and resolved once committed', async () => {
    const { calls, dataSource } = recordingDatabase();
    const seen: string[] = [];
    const handlers = [on(MentorAssignedV1, async (d) => void (seen.push(d.mentorId), calls.push(`apply ${d.mentorId}`)))];
    const { deliverBatch, message, resolved } = await startedConsumer({}, { handlers, dataSource });
    const batch = ['m-1', 'm-2', 'm-3'].map((mentorId) => message(MentorAssignedV1.type, { mentorId }));
    await deliverBatch('mentorflow.mentors.events', batch);
    expect(seen).toEqual(['m-1', 'm-2', 'm-3']);
    expect(calls.filter((c) => !c.startsWith('inbox'))).toEqual(['begin', 'apply m-1', 'apply m-2', 'apply m-3', 'commit']);
    expect(calls.filter((c) => c.startsWith('inbox'))).toHaveLength(3);
    expect(resolved).toEqual(['2']);
  });

  it(`take a transaction per ${MAX_MESSAGES_PER_TRANSACTION} messages at most`, async () => {
    const { calls, dataSource } = recordingDatabase();
    const handlers = [on(MentorAssignedV1, async () => undefined)];
    const { deliverBatch, message, resolved } = await startedConsumer({}, { handlers, dataSource });
    const n = MAX_MESSAGES_PER_TRANSACTION + 2;
    await deliverBatch(
      'mentorflow.mentors.events',
      Array.from({ length: n }, (_, i) => message(MentorAssignedV1.type, { mentorId: `m-${i}` })),
    );
    expect(calls.filter((c) => c === 'commit')).toHaveLength(2);
    expect(resolved).toEqual([String(MAX_MESSAGES_PER_TRANSACTION - 1), String(n - 1)]);
  });

  it('when a handler fails, change nothing together and are applied one by one: only the failing one is retried and dead-lettered', async () => {
    const { calls, dataSource } = recordingDatabase();
    const handlers = [
      on(MentorAssignedV1, async (d) => {
        if (d.mentorId === 'bad') throw new Error('refused');
        calls.push(`apply ${d.mentorId}`);
      }),
    ];
    const { deliverBatch, message, resolved, deadLetters } = await startedConsumer(
      { maxAttempts: 2, retryBackoffMs: 1 },
      { handlers, dataSource },
    );
    await deliverBatch(
      'mentorflow.mentors.events',
      ['m-1', 'bad', 'm-3'].map((mentorId) => message(MentorAssignedV1.type, { mentorId })),
    );
    expect(calls.filter((c) => !c.startsWith('inbox'))).toEqual([
      // together: rolled back at the failing one
      'begin',
      'apply m-1',
      'rollback',
      // then one by one, the failing one twice (maxAttempts) before its dead letter
      'begin',
      'apply m-1',
      'commit',
      'begin',
      'rollback',
      'begin',
      'rollback',
      'begin',
      'apply m-3',
      'commit',
    ]);
    expect(deadLetters().map((d) => d.headers['dlt-reason'])).toEqual(['handler failed after 2 attempts: refused']);
    expect(resolved).toEqual(['0', '1', '2']);
  });

  it('with one that would be dead-lettered, are never put in one transaction', async () => {
    const { calls, dataSource } = recordingDatabase();
    const handlers = [on(MentorAssignedV1, async (d) => void calls.push(`apply ${d.mentorId}`))];
    const { deliverBatch, message, deadLetters } = await startedConsumer({}, { handlers, dataSource });
    await deliverBatch('mentorflow.mentors.events', [
      message(MentorAssignedV1.type, { mentorId: 'm-1' }),
      message(MentorAssignedV1.type, { mentorId: 42 }),
      message(MentorAssignedV1.type, { mentorId: 'm-3' }),
    ]);
    expect(calls.filter((c) => !c.startsWith('inbox'))).toEqual(['begin', 'apply m-1', 'commit', 'begin', 'apply m-3', 'commit']);
    expect(deadLetters()).toHaveLength(1);
    expect(deadLetters()[0]!.headers['dlt-reason']).toMatch(/^invalid data for .*TestMentorAssigned.v1: mentorId:/);
  });

  it('of no interest to the service open no transaction at all', async () => {
    const { calls, dataSource } = recordingDatabase();
    const handlers = [on(MentorAssignedV1, async () => undefined)];
    const { deliverBatch, message, resolved } = await startedConsumer({}, { handlers, dataSource });
    await deliverBatch('mentorflow.mentors.events', [
      message('mentorflow.mentors.TestSomethingElse.v1', {}),
      message('mentorflow.mentors.TestSomethingElse.v1', {}),
    ]);
    expect(calls).toEqual([]);
    expect(resolved).toEqual(['1']);
  });
});

describe('EventConsumer: a consumer KafkaJS will not restart', () => {
  /** A fake Kafka that hands out consumers which record their life and let a test crash them. */
  function crashableKafka() {
    const made: { crash: (restart: boolean) => void; join: () => void; connected: boolean; running: boolean }[] = [];
    const kafka = {
      consumer: () => {
        const listeners = new Map<string, (e: unknown) => void>();
        const state = {
          connected: false,
          running: false,
          crash: (restart: boolean) =>
            listeners.get('consumer.crash')?.({
              payload: { error: new Error('Failed to find group coordinator'), restart },
            }),
          join: () => listeners.get('consumer.group_join')?.({}),
        };
        made.push(state);
        return {
          events: { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' },
          on: (name: string, fn: (e: unknown) => void) => listeners.set(name, fn),
          connect: async () => {
            state.connected = true;
          },
          subscribe: async () => undefined,
          run: async () => {
            state.running = true;
          },
          disconnect: async () => {
            state.connected = false;
            state.running = false;
          },
        };
      },
    } as unknown as Kafka;
    return { kafka, made };
  }

  async function started() {
    const { kafka, made } = crashableKafka();
    const consumer = new EventConsumer(
      fakeDataSource({} as EntityManager),
      { service: 'mentors', brokers: [] },
      silent,
      keyRing(),
    );
    consumer.register(new RecordingHandler().handlers);
    await consumer.start(kafka, {} as Producer);
    return { consumer, made };
  }

  it('replaces it with a new consumer of the group, and is healthy again once that one joins', async () => {
    jest.useFakeTimers();
    try {
      const { consumer, made } = await started();
      made[0]!.crash(false);
      expect(consumer.healthy).toBe(false);
      await jest.advanceTimersByTimeAsync(1000);
      expect(made).toHaveLength(2);
      expect(made[0]).toMatchObject({ connected: false, running: false });
      expect(made[1]).toMatchObject({ connected: true, running: true });
      expect(consumer.healthy).toBe(false);
      made[1]!.join();
      expect(consumer.healthy).toBe(true);
      await consumer.stop();
      expect(made[1]).toMatchObject({ connected: false });
    } finally {
      jest.useRealTimers();
    }
  });

  it('leaves a crash that KafkaJS restarts itself alone, and a stop cancels a pending replacement', async () => {
    jest.useFakeTimers();
    try {
      const restarting = await started();
      restarting.made[0]!.crash(true);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(restarting.made).toHaveLength(1);
      await restarting.consumer.stop();

      const stopping = await started();
      stopping.made[0]!.crash(false);
      await stopping.consumer.stop();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(stopping.made).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('retries a replacement that cannot connect, doubling the wait', async () => {
    jest.useFakeTimers();
    try {
      const { kafka, made } = crashableKafka();
      const consumer = new EventConsumer(
        fakeDataSource({} as EntityManager),
        { service: 'mentors', brokers: [] },
        silent,
        keyRing(),
      );
      consumer.register(new RecordingHandler().handlers);
      await consumer.start(kafka, {} as Producer);
      const realConsumer = (kafka as unknown as { consumer: () => unknown }).consumer;
      let failing = 2;
      (kafka as unknown as { consumer: () => unknown }).consumer = () => {
        const c = realConsumer() as { connect: () => Promise<void> };
        const connect = c.connect;
        c.connect = async () => {
          if (failing-- > 0) throw new Error('connect ECONNREFUSED');
          return connect();
        };
        return c;
      };
      made[0]!.crash(false);
      await jest.advanceTimersByTimeAsync(1000); // first attempt fails
      await jest.advanceTimersByTimeAsync(2000); // second attempt fails
      expect(made.slice(1).some((m) => m.running)).toBe(false);
      await jest.advanceTimersByTimeAsync(4000); // third attempt succeeds
      expect(made.filter((m) => m.running)).toHaveLength(1);
      expect(made).toHaveLength(4);
      await consumer.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
