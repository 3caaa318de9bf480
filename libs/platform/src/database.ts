import pg from 'pg';

/** Postgres' unique_violation SQLSTATE. */
const UNIQUE_VIOLATION = '23505';

/**
 * Whether a query failed on a unique constraint (when `constraint` is named: on that one). Takes
 * TypeORM's QueryFailedError (the driver's error in `driverError`) or the driver's error itself.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (!err || typeof err !== 'object') return false;
  const driver = ('driverError' in err ? err.driverError : err) as { code?: unknown; constraint?: unknown } | undefined;
  return driver?.code === UNIQUE_VIOLATION && (constraint === undefined || driver.constraint === constraint);
}

/** Runs a write and answers a unique violation (of `constraint`, when named) with the error `toError` makes. */
export async function onUniqueViolation<T>(write: Promise<T>, toError: () => Error, constraint?: string): Promise<T> {
  try {
    return await write;
  } catch (err) {
    throw isUniqueViolation(err, constraint) ? toError() : err;
  }
}

/** The URL of one database on the server named by `serverUrl`. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database on the server if it is missing (concurrent callers are fine). */
export async function ensureDatabase(serverUrl: string, database: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`invalid database name ${database}`);
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE ${database}`);
      } catch (err) {
        // 42P04 duplicate_database / 23505: another process created it in the meantime.
        if ((err as { code?: string }).code !== '42P04' && !isUniqueViolation(err)) throw err;
      }
    }
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, database);
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
