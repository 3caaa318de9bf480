import type { EntityManager } from 'typeorm';

/** One row of the outbox table: an event's CloudEvent, or a personal-data key (null: its tombstone). */
export interface OutboxRow {
  eventId: string;
  topic: string;
  /** The Kafka key. */
  key: string;
  type: string;
  /** The JSON written to the row's envelope. */
  envelope: string | null;
}

/** Inserts the rows in one statement, in the order given (the relay publishes in id order). */
export async function insertOutboxRows(tx: EntityManager, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`);
  await tx.query(
    `INSERT INTO outbox (event_id, topic, message_key, event_type, envelope) VALUES ${values.join(', ')}`,
    rows.flatMap((r) => [r.eventId, r.topic, r.key, r.type, r.envelope]),
  );
}
