import type { Producer } from 'kafkajs';
import { eventsTopic, type EventContract } from '#contracts';
import { encodeCloudEvent, newCloudEvent } from '#messaging';
import { testKafka } from '#testing';

/**
 * Publishes events straight to a context's topic, as its service would (same contract, validated;
 * same CloudEvents encoding): for the cases the services cannot produce on demand through the API.
 */
export class EventPublisher {
  private constructor(private readonly producer: Producer) {}

  static async start(clientId: string): Promise<EventPublisher> {
    const producer = testKafka(clientId).producer();
    await producer.connect();
    return new EventPublisher(producer);
  }

  /** Returns the CloudEvent's id. */
  async publish<T>(contract: EventContract<T>, subject: string, data: T): Promise<string> {
    const event = newCloudEvent({
      type: contract.type,
      source: '/mentorflow/e2e',
      subject,
      data: contract.schema.parse(data),
    });
    await this.producer.send({ topic: eventsTopic(contract.context), messages: [encodeCloudEvent(event, subject)] });
    return event.id;
  }

  stop(): Promise<void> {
    return this.producer.disconnect();
  }
}
