/**
 * What a load of mutations needs, for the tiers that run one against a started system (faults,
 * scale): a GraphQL poster with a time-out, and a tally of what was accepted and what refused.
 */

/** A GraphQL answer as a load client reads it: anything else (no JSON, a dropped connection) throws. */
export interface LoadAnswer {
  status: number;
  data?: any;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/** Posts one operation to `url` (a gateway or a front), as `token`; gives up after `timeoutMs`. */
export async function postGraphql(
  url: string,
  token: string,
  body: { query: string; variables?: unknown },
  timeoutMs = 30_000,
): Promise<LoadAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, ...((await res.json()) as Omit<LoadAnswer, 'status'>) };
}

/**
 * The mutations of one kind a load sent, by the id the test gave each (an intern id): attempted
 * (sent, whatever came back), accepted (answered with data and no error) and refused, counted by
 * the error code or the failure (`TIMEOUT`, `NETWORK`).
 */
export class MutationTally {
  readonly attempted = new Set<string>();
  readonly accepted = new Set<string>();
  readonly refusedBy: Record<string, number> = {};

  get refused(): number {
    return Object.values(this.refusedBy).reduce((a, b) => a + b, 0);
  }

  /**
   * Sends one mutation and records the outcome; `accepts` says whether the answer is an
   * acceptance (default: data for `field` and no errors). Returns the answer, or undefined when
   * none came.
   */
  async send(id: string, call: () => Promise<LoadAnswer>, field: string): Promise<LoadAnswer | undefined> {
    this.attempted.add(id);
    try {
      const answer = await call();
      if (answer.data?.[field] && !answer.errors?.length) {
        this.accepted.add(id);
      } else {
        this.refuse(answer.errors?.[0]?.extensions?.code ?? `HTTP_${answer.status}`);
      }
      return answer;
    } catch (err) {
      this.refuse((err as Error).name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK');
      return undefined;
    }
  }

  private refuse(reason: string): void {
    this.refusedBy[reason] = (this.refusedBy[reason] ?? 0) + 1;
  }
}
