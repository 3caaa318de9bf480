import type { Context } from '#contracts';
import type { MessagingOptions } from '../messaging-options.js';

/** The event_type of the outbox rows that carry a person's key (or its tombstone) to the keys topic. */
export const PERSONAL_DATA_KEY_ROW = 'mentorflow.personal-data-key';

/** The compacted topic of a context's personal-data keys: `mentorflow.<context>.personal-data-keys`. */
export function keysTopic(context: Context): string {
  return `mentorflow.${context}.personal-data-keys`;
}

export function keysTopicFor(options: MessagingOptions, context: Context): string {
  return options.topics?.keys?.(context) ?? keysTopic(context);
}
