import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { EventContract } from '#contracts';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging-options.js';
import { KAFKA_CLIENT, MESSAGING_LOGGER } from '../tokens.js';
import { keysTopicFor } from './keys-topic.js';
import { hasSealedFields, openPersonalFields, personalSubject } from './personal-fields.js';

/** How long an event waits for its person's key to arrive before it is retried later. */
const CATCH_UP_TIMEOUT_MS = 20_000;
const CATCH_UP_POLL_MS = 50;

/** Raised when the keys topic cannot be read up to its end in time: the event is retried, never dead-lettered. */
export class PersonalDataKeysUnavailable extends Error {}

/** One keys topic read from its beginning into memory: a key per person, none once erased. */
class TopicKeys {
  readonly keys = new Map<string, Buffer>();
  /** The next offset to read per partition, from what was consumed or committed. */
  private readonly positions = new Map<number, bigint>();
  private consumer: Consumer | undefined;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    readonly topic: string,
    private readonly groupId: string,
    private readonly logger: Logger,
  ) {
    this.ensureStarted().catch(() => undefined);
  }

  /** Starts the topic's consumer, again after a start that failed or a crash KafkaJS does not restart from. */
  ensureStarted(): Promise<void> {
    this.starting ??= this.start().catch(async (err: Error) => {
      this.starting = undefined;
      await this.consumer?.disconnect().catch(() => undefined);
      throw new PersonalDataKeysUnavailable(`cannot read the personal-data keys topic ${this.topic}: ${err.message}`);
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 15000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 500,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10000 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (e) => {
      if (!e.payload.restart && this.consumer === consumer) this.starting = undefined;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const subject = message.key?.toString('utf8');
        if (subject) {
          if (message.value === null) this.keys.delete(subject);
          else {
            try {
              const { key } = JSON.parse(message.value.toString('utf8')) as { key: string };
              this.keys.set(subject, Buffer.from(key, 'base64'));
            } catch (err) {
              this.logger.error({ topic: this.topic, offset: message.offset, err: (err as Error).message }, 'unreadable personal-data key record skipped');
            }
          }
        }
        this.advance(partition, BigInt(message.offset) + 1n);
      },
    });
  }

  private advance(partition: number, next: bigint): void {
    if ((this.positions.get(partition) ?? 0n) < next) this.positions.set(partition, next);
  }

  /**
   * Waits until every partition has been read up to the end it had when this was called: a key
   * written before the event that needs it (the relay sends keys first) is then known. What was
   * committed counts too, since a compacted tail is skipped without a message.
   */
  async catchUp(admin: Admin): Promise<void> {
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    await this.ensureStarted();
    const ends = await admin.fetchTopicOffsets(this.topic);
    for (;;) {
      const behind = ends.filter((e) => BigInt(e.high) > BigInt(e.low) && (this.positions.get(e.partition) ?? 0n) < BigInt(e.high));
      if (behind.length === 0) return;
      const committed = await admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] });
      for (const t of committed) for (const p of t.partitions) if (Number(p.offset) >= 0) this.advance(p.partition, BigInt(p.offset));
      if (behind.every((e) => (this.positions.get(e.partition) ?? 0n) >= BigInt(e.high))) return;
      if (Date.now() > deadline) {
        throw new PersonalDataKeysUnavailable(`the personal-data keys topic ${this.topic} could not be read up to its end in ${CATCH_UP_TIMEOUT_MS} ms`);
      }
      await new Promise((r) => setTimeout(r, CATCH_UP_POLL_MS));
    }
  }

  async stop(admin: Admin | undefined): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    // Each process reads the topic with a group of its own; it is of no use once stopped.
    await admin?.deleteGroups([this.groupId]).catch(() => undefined);
  }
}

/**
 * The consumer side of crypto-shredding: opens the personal fields of consumed events with their
 * people's keys, read from the owning context's compacted keys topic. A person whose key is gone
 * (erased, so the topic holds a tombstone or nothing) gets their fields as erased values. Events
 * without encrypted fields never touch Kafka here.
 */
@Injectable()
export class KeyRing {
  private readonly topics = new Map<string, TopicKeys>();
  private admin: Admin | undefined;
  private adminConnected: Promise<void> | undefined;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
  ) {}

  /** Starts reading the keys topics of these contracts' contexts ahead of the first event that needs them. */
  prepare(contracts: readonly EventContract[]): void {
    for (const c of contracts) if (c.personal) this.topicKeys(c);
  }

  /** The event data with its personal fields opened (or erased); throws PersonalDataKeysUnavailable to be retried. */
  async open(contract: EventContract, data: unknown): Promise<unknown> {
    if (!hasSealedFields(contract, data)) return data;
    const subjectId = personalSubject(contract, data);
    if (!subjectId) return data;
    const ring = this.topicKeys(contract);
    let key = ring.keys.get(subjectId);
    if (!key) {
      await ring.catchUp(await this.connectedAdmin());
      key = ring.keys.get(subjectId);
    }
    return openPersonalFields(contract, data, subjectId, key);
  }

  async stop(): Promise<void> {
    const admin = this.admin;
    await Promise.all([...this.topics.values()].map((t) => t.stop(admin)));
    this.topics.clear();
    await admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
    this.adminConnected = undefined;
  }

  private topicKeys(contract: EventContract): TopicKeys {
    const topic = keysTopicFor(this.options, contract.context);
    let ring = this.topics.get(topic);
    if (!ring) {
      const group = `${this.options.groupId ?? `mentorflow-${this.options.service}`}.keys.${randomBytes(4).toString('hex')}`;
      ring = new TopicKeys(this.kafka, topic, group, this.logger);
      this.topics.set(topic, ring);
    }
    return ring;
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      this.adminConnected = this.admin.connect();
    }
    try {
      await this.adminConnected;
    } catch (err) {
      this.admin = undefined;
      throw new PersonalDataKeysUnavailable(`cannot reach Kafka for personal-data keys: ${(err as Error).message}`);
    }
    return this.admin;
  }
}
