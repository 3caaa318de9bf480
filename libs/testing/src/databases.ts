import { randomBytes } from 'node:crypto';
import { databaseUrl, dropDatabase, ensureDatabase } from '#platform';

export const TEST_SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ThrowawayDatabase {
  name: string;
  url: string;
  serverUrl: string;
  drop(): Promise<void>;
}

/** A fresh, uniquely named database on the test server; drop it in afterAll. */
export async function throwawayDatabase(prefix: string): Promise<ThrowawayDatabase> {
  const name = `mf_test_${prefix.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(TEST_SERVER_URL, name);
  return {
    name,
    url: databaseUrl(TEST_SERVER_URL, name),
    serverUrl: TEST_SERVER_URL,
    drop: () => dropDatabase(TEST_SERVER_URL, name),
  };
}
