import { testKafka } from './kafka-probe.js';

/**
 * Commits a (new) consumer group's offsets at the current ends of `topics`, so that a service
 * started with that group consumes only what the test publishes from now on, instead of replaying
 * the shared topics' whole history (and reacting to earlier runs' events).
 */
export async function startGroupAtEnd(groupId: string, topics: string[]): Promise<void> {
  const admin = testKafka('mentorflow-test-groups').admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
