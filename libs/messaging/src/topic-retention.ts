import kafkajs, { type Kafka } from 'kafkajs';

// kafkajs is CommonJS: Node's ESM loader does not see this export by name (jest's transform does).
const { ConfigResourceTypes } = kafkajs;
import type { Logger } from 'pino';
import { messagingMetrics } from './metrics.js';

/** One events topic's retention, as DescribeConfigs answers it (values are strings; '-1' is unlimited). */
export interface TopicRetention {
  topic: string;
  retentionMs: string | undefined;
  retentionBytes: string | undefined;
}

/**
 * Whether a topic's retention would delete events a rebuild needs: anything but unlimited time
 * and unlimited size (-1 both). A missing value is the broker's default, 7 days, so it counts as
 * limited too. Returns why, or undefined when the topic keeps its events forever.
 */
export function retentionProblem(r: TopicRetention): string | undefined {
  const reasons: string[] = [];
  if (r.retentionMs !== '-1') reasons.push(`retention.ms=${r.retentionMs ?? 'unknown'}`);
  if (r.retentionBytes !== '-1') reasons.push(`retention.bytes=${r.retentionBytes ?? 'unknown'}`);
  return reasons.length ? `${reasons.join(', ')} (events topics need -1: a rebuild reads from offset zero)` : undefined;
}

/**
 * Reads the retention of the events topics a service consumes and warns (once per topic, at
 * start-up) about every one that would delete events: the service's read models rebuild from
 * offset zero and a new consumer group starts from the beginning, so an event the broker deleted
 * is lost to them for good. Sets `mentorflow_events_topic_retention_limited{topic}` (1 limited, 0
 * unlimited). Never throws: a broker that does not answer (or an ACL that forbids DescribeConfigs)
 * is logged and the start-up goes on. Returns the topics found limited.
 */
export async function checkEventsRetention(options: {
  kafka: Kafka;
  topics: string[];
  logger: Logger;
}): Promise<TopicRetention[] | undefined> {
  const { kafka, topics, logger } = options;
  if (topics.length === 0) return [];
  const admin = kafka.admin();
  try {
    await admin.connect();
    const { resources } = await admin.describeConfigs({
      resources: topics.map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: ['retention.ms', 'retention.bytes'],
      })),
      includeSynonyms: false,
    });
    const limited: TopicRetention[] = [];
    for (const resource of resources) {
      const value = (name: string) =>
        resource.configEntries.find((e) => e.configName === name)?.configValue ?? undefined;
      const retention: TopicRetention = {
        topic: resource.resourceName,
        retentionMs: value('retention.ms'),
        retentionBytes: value('retention.bytes'),
      };
      const problem = retentionProblem(retention);
      messagingMetrics.eventsRetentionLimited.set({ topic: retention.topic }, problem ? 1 : 0);
      if (!problem) continue;
      limited.push(retention);
      logger.warn(
        {
          topic: retention.topic,
          retentionMs: retention.retentionMs ?? null,
          retentionBytes: retention.retentionBytes ?? null,
        },
        `events topic ${retention.topic} deletes old events: ${problem}; set retention.ms=-1 and retention.bytes=-1 on it (node infra/kafka/create-topics.js does)`,
      );
    }
    return limited;
  } catch (err) {
    logger.warn({ err: (err as Error).message, topics }, 'could not read the retention of the events topics');
    return undefined;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
