import { randomBytes } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Producer, ProducerConfig } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { eventsTopic, type EventContract } from '#contracts';
import { encodeCloudEvent, newCloudEvent, serviceReadiness, type CloudEvent } from '#messaging';
import { loadConfig, observeRequests, registerHealth } from '#platform';
import { startGroupAtEnd } from './consumer-groups.js';
import { throwawayDatabase, type ThrowawayDatabase } from './databases.js';
import { graphqlClient, type GqlClient } from './graphql-client.js';
import { KafkaProbe, TEST_BROKERS, testKafka } from './kafka-probe.js';
import { testLogger } from './logger.js';

/**
 * The environment of an app under test, before the test's own settings: NODE_ENV=test, no logs, and
 * the secret signTestToken signs with (AUTH_JWT_SECRET when set, else the development secret).
 */
export function testSettings(env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...(process.env.AUTH_JWT_SECRET ? { AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET } : {}),
    ...env,
  };
}

export interface ServiceOptions<S extends z.ZodType> {
  /** The service, as its health and metrics name it: `cohorts`. */
  service: string;
  /** Names this test's database, consumer group and Kafka clients; the service's name unless told. */
  name?: string;
  /** The service's configuration schema; the test settings are read through it. */
  configSchema: S;
  /** The root module for that configuration: `(config, logger) => AppModule.forRoot(config, logger, extras)`. */
  module: (config: z.infer<S>, logger: Logger) => DynamicModule;
  /** Settings over the test ones (`CLOCK_MODE`, `CLOCK_TICK_MS`, …). */
  env?: Record<string, string>;
  /** The service's consumer group: `<name>-it-<random>` unless told, never the deployed service's. */
  groupId?: string;
  /** Topics at whose current ends the consumer group starts: the service sees only this run's events there. */
  startGroupAtEndOf?: string[];
  /** Topics a KafkaProbe watches, from before the service starts. */
  probe?: string[];
  /**
   * A producer for the test's own events: idempotent with one request in flight (events of one key
   * keep their order), with these settings over those.
   */
  producer?: boolean | ProducerConfig;
  /** A database shared by several instances of the service; a throwaway one of its own otherwise. */
  database?: ThrowawayDatabase;
}

export interface PublishOptions {
  /** The topic; the events topic of the contract's context unless told. */
  topic?: string;
  /** The event's id; a new one unless told. */
  id?: string;
}

/** A service running in process (its real root module on Fastify) against the real Postgres and Kafka. */
export interface ServiceHarness<C = unknown> {
  app: NestFastifyApplication;
  http: FastifyInstance;
  db: ThrowawayDatabase;
  dataSource: DataSource;
  config: C;
  groupId: string;
  /** GraphQL on the service's `/graphql`, in process. */
  gql: GqlClient;
  /** The probe asked for with `probe: [topics]`. */
  readonly probe: KafkaProbe;
  /** The producer asked for with `producer`. */
  readonly producer: Producer;
  /**
   * Publishes an event of `contract` as the service of its context would (source
   * `/mentorflow/<context>`, subject and key `key`) on that context's topic, or on `options.topic`;
   * with `options.id`, under that id (a redelivery). Needs `producer`. Returns the event sent.
   */
  publish<T>(contract: EventContract<T>, key: string, data: T, options?: PublishOptions): Promise<CloudEvent<T>>;
  /** Sends a CloudEvent exactly as given (a redelivery, a hand-built event) on `topic`, keyed `key`. */
  send(topic: string, event: CloudEvent, key: string): Promise<void>;
  /**
   * Stops the probe, the producer and the service; then deletes the consumer group and drops the
   * database, unless the database was given (the caller owns what its instances share).
   */
  stop(): Promise<void>;
}

/**
 * Starts a service as `main.ts` does (health and readiness included) on a throwaway database, with
 * a consumer group of its own; `stop()` takes it all down again. A start that fails half-way takes
 * down what it started before it throws.
 */
export async function startService<S extends z.ZodType>(
  options: ServiceOptions<S>,
): Promise<ServiceHarness<z.infer<S>>> {
  const name = options.name ?? options.service;
  const groupId = options.groupId ?? `${name}-it-${randomBytes(4).toString('hex')}`;
  const owned = !options.database;
  let db: ThrowawayDatabase | undefined = options.database;
  let probe: KafkaProbe | undefined;
  let producer: Producer | undefined;
  let app: NestFastifyApplication | undefined;

  const producerOf = (): Producer => {
    if (!producer) throw new Error(`${name}: no producer; start the service with producer: true`);
    return producer;
  };
  const send = async (topic: string, event: CloudEvent, key: string): Promise<void> => {
    await producerOf().send({ topic, acks: -1, messages: [encodeCloudEvent(event, key)] });
  };

  const stop = async (): Promise<void> => {
    await probe?.stop();
    await producer?.disconnect();
    await app?.close();
    if (!owned) return;
    const admin = testKafka(`${name}-it-admin`).admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
    await db?.drop();
  };

  try {
    db ??= await throwawayDatabase(name);
    if (options.startGroupAtEndOf) await startGroupAtEnd(groupId, options.startGroupAtEndOf);
    if (options.probe) probe = await KafkaProbe.start(options.probe);
    const config = loadConfig(
      options.configSchema,
      testSettings({
        DATABASE_URL: db.serverUrl,
        DATABASE_NAME: db.name,
        KAFKA_BROKERS: TEST_BROKERS.join(','),
        KAFKA_GROUP_ID: groupId,
        ...options.env,
      }),
    );
    app = await NestFactory.create<NestFastifyApplication>(options.module(config, testLogger()), new FastifyAdapter(), {
      logger: false,
    });
    const http = app.getHttpAdapter().getInstance();
    // As on a service's public port (its /metrics is on the ops listener, see bootstrapService).
    observeRequests(http);
    registerHealth(http, options.service, serviceReadiness(app));
    await app.init();
    await http.ready();
    if (options.producer) {
      producer = testKafka(`${name}-it-producer`).producer({
        idempotent: true,
        maxInFlightRequests: 1,
        ...(options.producer === true ? {} : options.producer),
      });
      await producer.connect();
    }
    return {
      app,
      http,
      db,
      dataSource: app.get(DataSource),
      config,
      groupId,
      gql: graphqlClient(http),
      get probe(): KafkaProbe {
        if (!probe) throw new Error(`${name}: no probe; start the service with probe: [topics]`);
        return probe;
      },
      get producer(): Producer {
        return producerOf();
      },
      send,
      async publish(contract, key, data, publishOptions = {}) {
        const event = newCloudEvent({
          type: contract.type,
          source: `/mentorflow/${contract.context}`,
          subject: key,
          data,
        });
        const sent = publishOptions.id ? { ...event, id: publishOptions.id } : event;
        await send(publishOptions.topic ?? eventsTopic(contract.context), sent, key);
        return sent;
      },
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
