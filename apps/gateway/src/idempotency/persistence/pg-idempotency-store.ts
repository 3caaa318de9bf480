import type { DataSource } from 'typeorm';
import type { BeginResult, IdempotencyStore, StoredResponse } from '../idempotency-store.js';

/** How long a claim without a response blocks retries (a crashed replica's claims free up after it). */
const CLAIM_SECONDS = 60;

interface Row {
  request_hash: string;
  state: 'IN_PROGRESS' | 'COMPLETED';
  response_status: number | null;
  response_content_type: string | null;
  response_body: string | null;
}

/**
 * Idempotency keys in the gateway's database. A claim is one `INSERT … ON CONFLICT` on the
 * primary key (user, key): of two concurrent requests with the same key exactly one inserts; the
 * other sees the claim and waits for its response. Expired keys (after `ttlHours`) and claims
 * abandoned by a crashed process (after CLAIM_SECONDS) are taken over in the same statement.
 */
export class PgIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlHours: number,
  ) {}

  async begin(userId: string, key: string, requestHash: string): Promise<BeginResult> {
    const claimed = (await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, state, created_at, expires_at, claimed_until)
       VALUES ($1, $2, $3, 'IN_PROGRESS', now(), now() + make_interval(hours => $4), now() + make_interval(secs => $5))
       ON CONFLICT (user_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, state = 'IN_PROGRESS', response_status = NULL,
             response_content_type = NULL, response_body = NULL, created_at = now(),
             expires_at = EXCLUDED.expires_at, claimed_until = EXCLUDED.claimed_until
         WHERE idempotency_keys.expires_at < now()
            OR (idempotency_keys.state = 'IN_PROGRESS' AND idempotency_keys.claimed_until < now()
                AND idempotency_keys.request_hash = EXCLUDED.request_hash)
       RETURNING user_id`,
      [userId, key, requestHash, this.ttlHours, CLAIM_SECONDS],
    )) as unknown[];
    if (claimed.length > 0) return { state: 'started' };
    const [row] = (await this.dataSource.query(
      `SELECT request_hash, state, response_status, response_content_type, response_body
         FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    )) as Row[];
    // Deleted meanwhile (abandoned): claim again.
    if (!row) return this.begin(userId, key, requestHash);
    if (row.request_hash !== requestHash) return { state: 'mismatch' };
    if (row.state === 'IN_PROGRESS') return { state: 'in_progress' };
    return {
      state: 'replay',
      response: {
        status: row.response_status ?? 200,
        contentType: row.response_content_type ?? 'application/json',
        body: row.response_body ?? '',
      },
    };
  }

  async complete(userId: string, key: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'COMPLETED', response_status = $3, response_content_type = $4, response_body = $5
        WHERE user_id = $1 AND key = $2 AND state = 'IN_PROGRESS'`,
      [userId, key, response.status, response.contentType, response.body],
    );
  }

  async abandon(userId: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND state = 'IN_PROGRESS'`,
      [userId, key],
    );
  }

  /** Deletes expired keys; returns how many. */
  async purgeExpired(): Promise<number> {
    const [row] = (await this.dataSource.query(
      `WITH gone AS (DELETE FROM idempotency_keys WHERE expires_at < now() RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    )) as { n: number }[];
    return row?.n ?? 0;
  }
}
