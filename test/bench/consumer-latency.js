#!/usr/bin/env node
// Where the relay → handler time goes on the consumer side, in isolation (issue 16, "Lag near the
// floor"): events produced like the relay does (idempotent, acks all, one send per event) at a
// fixed rate on a 3-partition scratch topic, consumed by KafkaJS the way libs/messaging's
// EventConsumer does, each handled in a real Postgres transaction (BEGIN, INSERT, COMMIT: the
// inbox row); the figure is produce call → handler start, per consumer setting, one after the other.
//
//   KAFKA_BROKERS=127.0.0.1:9092 node test/bench/consumer-latency.js [--rate 100] [--seconds 8]
//      [--variants current,interval-commit,one-partition]
//
// Variants: current = EventConsumer's settings (partitionsConsumedConcurrently 3, maxWaitTimeInMs
// 1000, KafkaJS auto-commit: an OffsetCommit round trip after every batch, before the next fetch);
// interval-commit = autoCommit off, the resolved offsets committed by a 200 ms timer (still only
// after the handler's transaction); one-partition = partitionsConsumedConcurrently 1.
// Not part of `npm test` or `npm run bench`; DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { summarize } from './lib/report.js';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '8' },
    variants: { type: 'string', default: 'current,interval-commit,one-partition' },
  },
});
const VARIANTS = {
  current: { run: { partitionsConsumedConcurrently: 3 }, consumer: {} },
  'interval-commit': {
    run: { partitionsConsumedConcurrently: 3, autoCommit: false },
    commitEveryMs: 200,
    consumer: {},
  },
  'one-partition': { run: { partitionsConsumedConcurrently: 1 }, consumer: {} },
};
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const run = randomBytes(3).toString('hex');
const kafka = new Kafka({ clientId: `consumer-latency-${run}`, brokers, logLevel: logLevel.NOTHING });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const db = new pg.Pool({
  connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  max: 4,
});
const table = `consumer_latency_${run}`;
await db.query(`CREATE TABLE ${table} (event_id text PRIMARY KEY, payload jsonb NOT NULL)`);
const admin = kafka.admin();
await admin.connect();
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
await producer.connect();

const topics = [];
try {
  for (const [index, name] of args.variants.split(',').entries()) {
    const variant = VARIANTS[name];
    if (!variant) throw new Error(`unknown variant "${name}" (one of ${Object.keys(VARIANTS).join(', ')})`);
    const topic = `bench.consumer-latency.${run}.${index}.${name}`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
    topics.push(topic);
    // The producer learns of the new topic from metadata; a send right after creation may not find it yet.
    for (let tries = 0; ; tries++) {
      try {
        await producer.send({ topic, acks: -1, messages: [{ key: 'warm-up', value: JSON.stringify({ i: -1 }) }] });
        break;
      } catch (err) {
        if (tries >= 20) throw err;
        await sleep(250);
      }
    }
    const consumer = kafka.consumer({
      groupId: `consumer-latency-${run}-${index}-${name}`,
      sessionTimeout: 15000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 1000,
      ...variant.consumer,
    });
    const started = new Map();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const joined = new Promise((r) => consumer.on(consumer.events.GROUP_JOIN, r));
    let timer;
    let resolved = [];
    await consumer.run({
      ...variant.run,
      eachMessage: async ({ partition, message }) => {
        started.set(JSON.parse(message.value.toString()).i, performance.now());
        const client = await db.connect();
        try {
          await client.query('BEGIN');
          await client.query(`INSERT INTO ${table} (event_id, payload) VALUES ($1, $2)`, [
            `${index}-${partition}-${message.offset}`,
            message.value.toString(),
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
        if (variant.commitEveryMs) resolved.push({ topic, partition, offset: String(Number(message.offset) + 1) });
      },
    });
    if (variant.commitEveryMs) {
      timer = setInterval(() => {
        const latest = new Map();
        for (const o of resolved) latest.set(o.partition, o);
        resolved = [];
        if (latest.size) void consumer.commitOffsets([...latest.values()]).catch(() => undefined);
      }, variant.commitEveryMs);
    }
    await joined;
    await sleep(500);
    const sent = new Map();
    const total = rate * seconds;
    const t0 = performance.now();
    const pending = [];
    for (let i = 0; i < total; i++) {
      const wait = t0 + (i * 1000) / rate - performance.now();
      if (wait > 1) await sleep(wait);
      const key = `cohort-${i % 16}`;
      const value = JSON.stringify({ i, padding: 'x'.repeat(400) });
      sent.set(i, performance.now());
      pending.push(producer.send({ topic, acks: -1, messages: [{ key, value }] }));
    }
    await Promise.all(pending);
    const deadline = Date.now() + 10_000;
    while (started.size < sent.size && Date.now() < deadline) await sleep(50);
    clearInterval(timer);
    await consumer.disconnect();
    const lat = summarize([...sent].filter(([k]) => started.has(k)).map(([k, t]) => started.get(k) - t));
    console.log(
      JSON.stringify({
        variant: name,
        rate,
        seconds,
        n: lat.n,
        p50: lat.p50?.toFixed(2),
        p90: lat.p90?.toFixed(2),
        p99: lat.p99?.toFixed(2),
        max: lat.max?.toFixed(1),
      }),
    );
  }
} finally {
  // Deleted only at the end: the producer keeps refreshing the metadata of every topic it sent to.
  await producer.disconnect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.end();
}
