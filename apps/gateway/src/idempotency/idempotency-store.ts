import { createHash } from 'node:crypto';

export interface StoredResponse {
  status: number;
  contentType: string;
  body: string;
}

export type BeginResult =
  | { state: 'started' }
  | { state: 'replay'; response: StoredResponse }
  | { state: 'mismatch' }
  | { state: 'in_progress' };

/** Remembers, per user and Idempotency-Key, the request it came with and the response it got. */
export interface IdempotencyStore {
  /** Claims the key for this request, or says what the first request with it did (or is doing). */
  begin(userId: string, key: string, requestHash: string): Promise<BeginResult>;
  complete(userId: string, key: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose request never produced a response, so a retry can act. */
  abandon(userId: string, key: string): Promise<void>;
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The fingerprint of a GraphQL request: the same document, operation and variables (in any key order). */
export function requestFingerprint(body: { query?: unknown; operationName?: unknown; variables?: unknown }): string {
  return createHash('sha256')
    .update(
      JSON.stringify(
        stable({
          query: body.query ?? null,
          operationName: body.operationName ?? null,
          variables: body.variables ?? null,
        }),
      ),
    )
    .digest('hex');
}
