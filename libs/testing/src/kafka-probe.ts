import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';

export const TEST_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export function testKafka(clientId = 'mentorflow-test'): Kafka {
  return new Kafka({ clientId, brokers: TEST_BROKERS, logLevel: logLevel.NOTHING, retry: { retries: 5 } });
}

export interface ProbedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  value: string | null;
  /** The value parsed as JSON, when it is JSON. */
  json: unknown;
}

function headersOf(raw: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (v === undefined) continue;
    out[k] = (Array.isArray(v) ? v[0] : v)!.toString();
  }
  return out;
}

/**
 * Reads topics from their current end, so a test sees only what happens after it started, and
 * lets the test wait for the messages it expects (or check that none came).
 */
export class KafkaProbe {
  readonly messages: ProbedMessage[] = [];
  private waiters: (() => void)[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(topics: string[]): Promise<KafkaProbe> {
    const kafka = testKafka('mentorflow-probe');
    const admin = kafka.admin();
    await admin.connect();
    const ends = await Promise.all(topics.map(async (t) => ({ topic: t, offsets: await admin.fetchTopicOffsets(t) })));
    await admin.disconnect();
    const consumer = kafka.consumer({
      groupId: `probe-${randomBytes(6).toString('hex')}`,
      sessionTimeout: 10000,
      heartbeatInterval: 500,
    });
    const probe = new KafkaProbe(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: false });
    const assigned = new Promise<void>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
    });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const value = message.value?.toString('utf8') ?? null;
        let json: unknown;
        try {
          json = value ? JSON.parse(value) : undefined;
        } catch {
          json = undefined;
        }
        probe.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          headers: headersOf(message.headers),
          value,
          json,
        });
        for (const w of probe.waiters.splice(0)) w();
      },
    });
    await assigned;
    // Start from the ends measured before joining, so nothing produced meanwhile is missed.
    for (const { topic, offsets } of ends) {
      for (const o of offsets) consumer.seek({ topic, partition: o.partition, offset: o.offset });
    }
    return probe;
  }

  /** Waits until `count` messages match; returns them. */
  async waitFor(
    predicate: (m: ProbedMessage) => boolean,
    { count = 1, timeoutMs = 20000 } = {},
  ): Promise<ProbedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter(predicate);
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `KafkaProbe: expected ${count} matching message(s), saw ${found.length} of ${this.messages.length} in ${timeoutMs} ms`,
        );
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Messages matching the predicate seen within `ms`. */
  async collectFor(predicate: (m: ProbedMessage) => boolean, ms: number): Promise<ProbedMessage[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.messages.filter(predicate);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** Matches a message by CloudEvents type and, optionally, subject. */
export const ofType =
  (type: string, subject?: string) =>
  (m: ProbedMessage): boolean =>
    m.headers.ce_type === type && (subject === undefined || m.headers.ce_subject === subject);
