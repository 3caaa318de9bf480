import type pg from 'pg';
import type { EntityManager } from 'typeorm';

/** The Postgres channel every gateway replica listens on. */
export const LIVE_CHANNEL = 'mentorflow_live';

/** Sends `payload` to every replica listening on the channel, when `tx` commits (never if it rolls back). */
export async function notifyLive(tx: EntityManager, payload: string): Promise<void> {
  await tx.query(`SELECT pg_notify($1, $2)`, [LIVE_CHANNEL, payload]);
}

/** Subscribes a dedicated (connected) connection to the channel. */
export async function listenLive(client: pg.Client): Promise<void> {
  await client.query(`LISTEN ${LIVE_CHANNEL}`);
}
