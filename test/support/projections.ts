import pg from 'pg';

/**
 * Reading the projections of a started system (one database per app, `<prefix>_<app>`) and
 * checking that every accepted mutation is in each exactly once: for the tiers that start the
 * system themselves (faults, scale).
 */

/** One query against an app's database on the server at `serverUrl`. */
export function appDatabases(serverUrl: string, prefix: string) {
  const url = (app: string): string => {
    const u = new URL(serverUrl);
    u.pathname = `/${prefix}_${app}`;
    return u.toString();
  };
  return {
    url,
    async query<T>(app: string, sql: string, params: unknown[] = []): Promise<T[]> {
      const client = new pg.Client({ connectionString: url(app) });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
  };
}

/** How the accepted ids stand in one projection (rows counted per id). */
export interface Presence {
  /** Accepted ids present exactly once. */
  present: number;
  /** Accepted ids not there. */
  missing: number;
  /** Ids there more than once. */
  appliedTwice: number;
  /** Ids there that no mutation of the test was sent for. */
  unknown: number;
}

export function presence(
  accepted: ReadonlySet<string>,
  attempted: ReadonlySet<string>,
  counts: ReadonlyMap<string, number>,
  expectedPerId = 1,
): Presence {
  return {
    present: [...accepted].filter((id) => counts.get(id) === expectedPerId).length,
    missing: [...accepted].filter((id) => !counts.has(id)).length,
    appliedTwice: [...counts.values()].filter((n) => n > expectedPerId).length,
    unknown: [...counts.keys()].filter((id) => !attempted.has(id)).length,
  };
}

/** Rows per id, from rows of `{ id, n }`. */
export const countsOf = (rows: { id: string; n: number }[]): Map<string, number> =>
  new Map(rows.map((r) => [r.id, Number(r.n)]));

/**
 * Reads every projection (`read`: projection name → rows per id) until each holds every id it
 * must (`expected`: projection name → ids) or `timeoutMs` passes; returns the last reading. A
 * read that fails (the database restarting) counts as not there yet.
 */
export async function untilPresent(
  expected: Record<string, ReadonlySet<string>>,
  read: (projection: string) => Promise<Map<string, number>>,
  timeoutMs: number,
): Promise<Record<string, Map<string, number>>> {
  const started = Date.now();
  const counts: Record<string, Map<string, number>> = {};
  for (;;) {
    let complete = true;
    for (const [name, ids] of Object.entries(expected)) {
      counts[name] = await read(name).catch(() => counts[name] ?? new Map<string, number>());
      if ([...ids].some((id) => !counts[name]!.has(id))) complete = false;
    }
    if (complete || Date.now() - started > timeoutMs) return counts;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
