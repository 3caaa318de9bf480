export { eventsTopic } from '#contracts';

/** Where a service's consumer puts the messages it could not process. */
export function deadLetterTopic(service: string): string {
  return `mentorflow.${service}.dead-letter`;
}
