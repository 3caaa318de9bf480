import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { throwawayDatabase, type ThrowawayDatabase } from './databases.js';
import { findPersonalData } from './personal-data-scan.js';

let db: ThrowawayDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await throwawayDatabase('personal_data_scan');
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`
    CREATE TABLE people (id int PRIMARY KEY, name text, email varchar(200), code char(8), tags text[], doc jsonb, n int);
    CREATE TABLE outbox (id int PRIMARY KEY, data jsonb);
    CREATE VIEW people_names AS SELECT name FROM people;
    INSERT INTO people VALUES
      (1, 'Ada Lovelace', 'ada@example.com', 'x', '{}', '{}', 1),
      (2, 'someone', 'ADA@EXAMPLE.COM', 'x', '{"met ada lovelace"}', '{"note": "Ada Lovelace"}', 2),
      (3, 'Bob', 'bob@example.com', 'x', '{}', '{}', 3);
    INSERT INTO outbox VALUES (1, '{"name": "Ada Lovelace"}');`);
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('findPersonalData', () => {
  it('finds every needle in every text, varchar, array and jsonb column, case-insensitively, with row counts', async () => {
    const query = async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows;
    expect(await findPersonalData({ query }, ['Ada Lovelace', 'ada@example.com'])).toEqual([
      { table: 'outbox', column: 'data', count: 1 },
      { table: 'people', column: 'name', count: 1 },
      { table: 'people', column: 'email', count: 2 },
      { table: 'people', column: 'tags', count: 1 },
      { table: 'people', column: 'doc', count: 1 },
    ]);
  });

  it('leaves out the tables it is told to, and takes a postgres URL', async () => {
    expect(await findPersonalData(db.url, ['lovelace'], { exceptTables: ['outbox'] })).toEqual([
      { table: 'people', column: 'name', count: 1 },
      { table: 'people', column: 'tags', count: 1 },
      { table: 'people', column: 'doc', count: 1 },
    ]);
    expect(await findPersonalData(db.url, ['Grace Hopper'])).toEqual([]);
  });

  it('refuses to scan for nothing', async () => {
    await expect(findPersonalData(db.url, ['', '  '])).rejects.toThrow(/at least one/);
  });
});
