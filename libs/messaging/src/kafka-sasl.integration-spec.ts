import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Kafka as KafkaClient } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testLogger } from '#testing';
import { createKafka } from './kafka-client.js';
import { kafkaSecurityFromEnv } from './kafka-security.js';

// A SECOND local broker that only lets clients in with SASL/SCRAM (infra/kafka/kafka.sh sasl):
// SASL_PLAINTEXT on 127.0.0.1:19092, SASL_SSL on 127.0.0.1:19094, its own data dir, made afresh
// for this file with a user whose password only this run knows, and stopped (and deleted) at the
// end. The default broker on 9092 is not touched. Clients are made by the project's factory,
// createKafka, with the settings the services read from KAFKA_SASL_* and KAFKA_SSL*.
const REPO = new URL('../../../', import.meta.url).pathname;
const SCRIPT = join(REPO, 'infra/kafka/kafka.sh');
const DATA_DIR = join(process.env.MENTORFLOW_DATA_DIR ?? join(REPO, '.data'), 'kafka-sasl');
const SASL_BROKER = '127.0.0.1:19092';
const TLS_BROKER = '127.0.0.1:19094';
const USER = 'mentorflow-test';
const PASSWORD = randomBytes(18).toString('base64url');
const run = randomBytes(4).toString('hex');

const sh = promisify(execFile);
const saslBroker = (command: 'start' | 'reset') =>
  sh('bash', [SCRIPT, 'sasl', command], {
    env: { ...process.env, KAFKA_SCRAM_USER: USER, KAFKA_SCRAM_PASSWORD: PASSWORD, KAFKA_START_TIMEOUT: '60' },
    timeout: 90_000,
  });

const clients: { disconnect(): Promise<void> }[] = [];
function track<T extends { disconnect(): Promise<void> }>(client: T): T {
  clients.push(client);
  return client;
}

/** Creates a topic, produces one message to it and consumes it back with a fresh group. */
async function roundTrip(kafka: KafkaClient, label: string): Promise<string> {
  const topic = `test.sasl.${run}.${label}`;
  const admin = track(kafka.admin());
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  const producer = track(kafka.producer({ allowAutoTopicCreation: false }));
  await producer.connect();
  const value = `hello over ${label} ${randomBytes(4).toString('hex')}`;
  await producer.send({ topic, acks: -1, messages: [{ key: label, value }] });
  const consumer = track(
    kafka.consumer({
      groupId: `test-sasl-${run}-${label}`,
      sessionTimeout: 10_000,
      heartbeatInterval: 500,
      maxWaitTimeInMs: 200,
    }),
  );
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const received = new Promise<string>((resolve) => {
    void consumer.run({ eachMessage: async ({ message }) => resolve(message.value!.toString()) });
  });
  const got = await Promise.race([
    received,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`nothing consumed from ${topic} in 20 s`)), 20_000),
    ),
  ]);
  await consumer.disconnect();
  await producer.disconnect();
  await admin.disconnect();
  return got === value ? 'consumed what it produced' : `consumed ${got}, produced ${value}`;
}

beforeAll(async () => {
  // Whatever an earlier, interrupted run left (a broker, users with other passwords) goes first.
  await saslBroker('reset');
  await saslBroker('start');
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
  await saslBroker('reset');
}, 60_000);

describe('Kafka with SASL/SCRAM (a second local broker)', () => {
  it('a client with the right credentials, configured from the environment, produces and consumes (SCRAM-SHA-256)', async () => {
    const security = kafkaSecurityFromEnv({
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: USER,
      KAFKA_SASL_PASSWORD: PASSWORD,
    });
    const kafka = createKafka('mentorflow-sasl-test', [SASL_BROKER], testLogger(), security);
    expect(await roundTrip(kafka, 'scram-sha-256')).toBe('consumed what it produced');
  });

  it('SCRAM-SHA-512 over TLS, trusting the broker through KAFKA_SSL_CA_FILE, and createKafka takes them from process.env by default', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: USER,
      KAFKA_SASL_PASSWORD: PASSWORD,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: join(DATA_DIR, 'tls/ca.pem'),
    });
    let kafka: KafkaClient;
    try {
      kafka = createKafka('mentorflow-sasl-tls-test', [TLS_BROKER], testLogger());
    } finally {
      for (const key of [
        'KAFKA_SASL_MECHANISM',
        'KAFKA_SASL_USERNAME',
        'KAFKA_SASL_PASSWORD',
        'KAFKA_SSL',
        'KAFKA_SSL_CA_FILE',
      ])
        delete process.env[key];
      Object.assign(process.env, saved);
    }
    expect(await roundTrip(kafka, 'scram-sha-512-tls')).toBe('consumed what it produced');
  });

  it('infra/kafka/create-topics.js (what the init containers run) connects with the same variables', async () => {
    const topic = `test.sasl.${run}.created`;
    const env = {
      ...process.env,
      KAFKA_BROKERS: TLS_BROKER,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: USER,
      KAFKA_SASL_PASSWORD: PASSWORD,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: join(DATA_DIR, 'tls/ca.pem'),
    };
    const { stdout } = await sh('node', [join(REPO, 'infra/kafka/create-topics.js'), `${topic}:2`], {
      env,
      timeout: 60_000,
    });
    expect(stdout).toMatch(/topics ready on 127\.0\.0\.1:19094/);
    const security = kafkaSecurityFromEnv({
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: USER,
      KAFKA_SASL_PASSWORD: PASSWORD,
    });
    const admin = track(createKafka('mentorflow-sasl-check', [SASL_BROKER], testLogger(), security).admin());
    await admin.connect();
    expect(await admin.listTopics()).toEqual(
      expect.arrayContaining([topic, 'mentorflow.cohorts.events', 'mentorflow.mentors.dead-letter']),
    );
    await admin.disconnect();
  });

  it('a client with a wrong password is refused', async () => {
    const security = kafkaSecurityFromEnv({
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: USER,
      KAFKA_SASL_PASSWORD: `${PASSWORD}x`,
    });
    const admin = track(createKafka('mentorflow-sasl-wrong', [SASL_BROKER], testLogger(), security).admin());
    const refused = await admin.connect().then(
      () => undefined,
      (err: Error) => err,
    );
    expect(refused?.name).toBe('KafkaJSSASLAuthenticationError');
    expect(refused?.message).toMatch(/authentication failed.*invalid credentials/i);

    const producer = track(createKafka('mentorflow-sasl-wrong', [SASL_BROKER], testLogger(), security).producer());
    await expect(producer.connect()).rejects.toThrow(/authentication failed/i);
  });

  it('a client without credentials gets nothing from it', async () => {
    const plain = new Kafka({
      clientId: 'mentorflow-sasl-none',
      brokers: [SASL_BROKER],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 2000,
      retry: { retries: 0 },
    });
    const admin = track(plain.admin());
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow(/closed connection/i);
  });
});
