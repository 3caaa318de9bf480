import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ConsumerLagMonitor } from './consumer-lag.js';
import { EventConsumer } from './event-consumer.js';
import { eventHandlersOf, type EventHandler } from './event-handler.js';
import { createKafka } from './kafka-client.js';
import { describeKafkaSecurity, kafkaSecurityFromEnv } from './kafka-security.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options.js';
import { Outbox } from './outbox.js';
import { OutboxBacklogMonitor } from './outbox-backlog.js';
import { DEFAULT_OUTBOX_RETENTION_HOURS, OutboxPruner } from './outbox-pruner.js';
import { OutboxRelay } from './outbox-relay.js';
import { KeyRing } from './personal-data/key-ring.js';
import { PersonalDataKeys } from './personal-data/personal-data-keys.js';
import { checkEventsRetention } from './topic-retention.js';
import { KAFKA_CLIENT, MESSAGING_LOGGER } from './tokens.js';

/**
 * Owns the service's Kafka client: one idempotent producer (used by the outbox relay and for
 * dead letters) and the consumer group that feeds the `handlers` of the providers (see ConsumesEvents).
 */
@Injectable()
export class MessagingRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private producer: Producer | undefined;
  private producerConnected = false;
  private monitors: { stop(): Promise<void> }[] = [];
  /** The start-up check of the consumed events topics' retention (see checkEventsRetention). */
  retentionCheck: ReturnType<typeof checkEventsRetention> | undefined;
  private stopping = false;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
    private readonly discovery: DiscoveryService,
    private readonly relay: OutboxRelay,
    private readonly consumer: EventConsumer,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer.register(this.discoverHandlers());
    if (this.options.autoStart === false) return;
    await this.start();
  }

  async start(): Promise<void> {
    this.stopping = false;
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    producer.on(producer.events.CONNECT, () => (this.producerConnected = true));
    producer.on(producer.events.DISCONNECT, () => (this.producerConnected = false));
    await producer.connect();
    this.producer = producer;
    if (this.options.publishes) await this.relay.start(producer);
    await this.consumer.start(this.kafka, producer);
    this.startMonitors();
    this.startOutboxPruning();
    // Beside the start-up, never in its way: a warning per events topic that would lose events.
    this.retentionCheck = checkEventsRetention({
      kafka: this.kafka,
      topics: this.consumer.topics,
      logger: this.logger,
    });
    this.logger.info(
      {
        publishes: this.options.publishes ?? null,
        consumes: this.consumer.topics,
        group: this.consumer.groupId,
        kafkaSecurity: describeKafkaSecurity(this.options.security ?? {}),
      },
      'messaging started',
    );
  }

  /**
   * Stops consuming and relaying before the application shuts down, i.e. before TypeORM closes
   * the DataSource in its own onApplicationShutdown (otherwise the relay and the handlers keep
   * running against a closed pool until Kafka disconnects).
   */
  async beforeApplicationShutdown(): Promise<void> {
    // Not ready from the first moment of shutdown, so a load balancer stops sending work here.
    this.stopping = true;
    const took: Record<string, number> = {};
    const step = async (name: string, work: () => Promise<unknown>): Promise<void> => {
      const started = Date.now();
      await work();
      took[name] = Date.now() - started;
    };
    await step('monitorsMs', () => Promise.all(this.monitors.splice(0).map((m) => m.stop())));
    // Waits for the messages in flight to be handled and commits their offsets, then leaves the group.
    await step('consumerMs', () => this.consumer.stop());
    await step('relayMs', () => this.relay.stop());
    await step('producerMs', async () => {
      await this.producer?.disconnect();
      this.producer = undefined;
    });
    this.logger.info(took, 'messaging stopped');
  }

  /** Consumer lag and outbox backlog for /metrics, sampled beside the work (never throwing into it). */
  private startMonitors(): void {
    const intervalMs = this.options.monitorIntervalMs ?? 10_000;
    if (intervalMs <= 0) return;
    if (this.consumer.topics.length > 0) {
      const lag = new ConsumerLagMonitor({
        kafka: this.kafka,
        groupId: this.consumer.groupId,
        topics: () => this.consumer.topics,
        logger: this.logger,
        intervalMs,
      });
      lag.start();
      this.monitors.push(lag);
    }
    if (this.options.publishes) {
      const backlog = new OutboxBacklogMonitor({
        query: (sql) => this.dataSource.query(sql),
        logger: this.logger,
        intervalMs,
      });
      backlog.start();
      this.monitors.push(backlog);
    }
  }

  /** Deletes published outbox rows past OUTBOX_RETENTION_HOURS, in a loop beside the relay. */
  private startOutboxPruning(): void {
    if (!this.options.publishes) return;
    const pruner = new OutboxPruner({
      query: (sql, params) => this.dataSource.query(sql, params),
      logger: this.logger,
      retentionHours: this.options.outboxRetentionHours ?? DEFAULT_OUTBOX_RETENTION_HOURS,
      ...(this.options.outboxPruneIntervalMs !== undefined ? { intervalMs: this.options.outboxPruneIntervalMs } : {}),
    });
    pruner.start();
    this.monitors.push(pruner);
  }

  get ready(): boolean {
    return !this.stopping && this.producerConnected && this.consumer.healthy;
  }

  /** Kafka reachable from this process: a metadata round trip through the admin client. */
  async kafkaReachable(): Promise<boolean> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private discoverHandlers(): EventHandler[] {
    return this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.instance && wrapper.metatype)
      .flatMap((wrapper) => eventHandlersOf(wrapper.instance));
  }
}

@Module({})
export class MessagingModule {
  /** Throws a ConfigError (at start-up, before anything connects) when the Kafka security settings are wrong. */
  static forRoot(options: MessagingOptions & { logger: Logger }): DynamicModule {
    const { logger, ...given } = options;
    const rest: MessagingOptions = { ...given, security: given.security ?? kafkaSecurityFromEnv() };
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: rest },
        { provide: MESSAGING_LOGGER, useValue: logger.child({ component: 'messaging' }) },
        {
          provide: KAFKA_CLIENT,
          useFactory: () => createKafka(`mentorflow-${rest.service}`, rest.brokers, logger, rest.security),
        },
        Outbox,
        OutboxRelay,
        EventConsumer,
        MessagingRuntime,
        PersonalDataKeys,
        KeyRing,
      ],
      exports: [Outbox, MessagingRuntime, OutboxRelay, EventConsumer, KAFKA_CLIENT, PersonalDataKeys, KeyRing],
    };
  }
}
