import { randomBytes } from 'node:crypto';
import { testKafka } from './kafka-probe.js';

export interface TopicMatch {
  topic: string;
  partition: number;
  offset: string;
  needle: string;
  /** Where the needle was: the message's value, key or one of its headers. */
  where: string;
}

/**
 * Reads `topics` (every `mentorflow.*` topic when none are given) from their first offset up to
 * the end they had when the scan began, and reports every message whose key, value or headers
 * contain one of `needles` (case-sensitive, as bytes): e.g. an erased person's name or e-mail in clear text.
 */
export async function findInTopics(needles: string[], topics?: string[]): Promise<TopicMatch[]> {
  const kafka = testKafka('mentorflow-topic-scan');
  const admin = kafka.admin();
  await admin.connect();
  const consumer = kafka.consumer({ groupId: `topic-scan-${randomBytes(6).toString('hex')}`, maxWaitTimeInMs: 200 });
  try {
    const names = topics ?? (await admin.listTopics()).filter((t) => t.startsWith('mentorflow.')).sort();
    const ends = new Map<string, bigint>();
    for (const topic of names) {
      for (const o of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(o.high) > BigInt(o.low)) ends.set(`${topic}:${o.partition}`, BigInt(o.high));
      }
    }
    const matches: TopicMatch[] = [];
    if (ends.size === 0) return matches;
    const bytes = needles.map((n) => [n, Buffer.from(n, 'utf8')] as const);
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    // A compacted topic's last offsets may be gone: once joined, five quiet seconds end the scan too.
    let lastActivity: number | undefined;
    consumer.on(consumer.events.GROUP_JOIN, () => (lastActivity = Date.now()));
    const quiet = setInterval(() => {
      if (lastActivity !== undefined && Date.now() - lastActivity > 5000) done();
    }, 500);
    await consumer.connect();
    await consumer.subscribe({ topics: names, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        lastActivity = Date.now();
        const at = `${topic}:${partition}`;
        const end = ends.get(at);
        if (end === undefined) return;
        const parts: [string, Buffer | null][] = [
          ['value', message.value],
          ['key', message.key],
          ...Object.entries(message.headers ?? {}).map(
            ([k, v]) => [`header ${k}`, v === undefined ? null : Buffer.from(Array.isArray(v) ? v.join('') : v)] as [string, Buffer],
          ),
        ];
        for (const [where, buf] of parts) {
          if (!buf) continue;
          for (const [needle, b] of bytes) {
            if (buf.includes(b)) matches.push({ topic, partition, offset: message.offset, needle, where });
          }
        }
        if (BigInt(message.offset) + 1n >= end) {
          ends.delete(at);
          if (ends.size === 0) done();
        }
      },
    });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`findInTopics: not at the end of ${[...ends.keys()].join(', ')} after 60 s`)), 60_000).unref(),
    );
    await Promise.race([finished, timeout]).finally(() => clearInterval(quiet));
    return matches;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
