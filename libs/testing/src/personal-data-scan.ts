import pg from 'pg';

/** A column where a needle was found: how many rows of it hold one. */
export interface PersonalDataHit {
  table: string;
  column: string;
  count: number;
}

export interface PersonalDataScanOptions {
  /** Tables not scanned (say why where you call it), e.g. `['outbox']`. */
  exceptTables?: readonly string[];
  /** The schema scanned; `public` unless said. */
  schema?: string;
}

/** A TypeORM DataSource or EntityManager (`query` answers the rows), or anything alike. */
interface RowsQueryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

interface TextColumn {
  table_name: string;
  column_name: string;
}

/**
 * Every place in a database where personal data is still found in clear: each table of the schema
 * (`public`), each text, varchar, char, json or jsonb column and array of those, searched for each
 * needle (a name, an e-mail address) case-insensitively, anywhere in the value (jsonb in its text
 * form). Answers the columns holding at least one, with how many rows, by table (columns in order):
 * `[]` means none. `db` is a DataSource (or EntityManager) or a postgres:// URL (a connection of
 * its own, closed before it answers). Erasure specs: `expect(await findPersonalData(ds, [name, email])).toEqual([])`.
 */
export async function findPersonalData(
  db: RowsQueryable | string,
  needles: readonly string[],
  options: PersonalDataScanOptions = {},
): Promise<PersonalDataHit[]> {
  const wanted = [...new Set(needles.map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0))];
  if (wanted.length === 0) throw new Error('findPersonalData: give at least one non-empty needle');
  if (typeof db !== 'string')
    return scan((sql, params) => db.query(sql, params) as Promise<unknown[]>, wanted, options);
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return await scan(async (sql, params) => (await client.query(sql, params)).rows as unknown[], wanted, options);
  } finally {
    await client.end();
  }
}

const quoted = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

async function scan(
  query: (sql: string, params?: unknown[]) => Promise<unknown[]>,
  needles: string[],
  { exceptTables = [], schema = 'public' }: PersonalDataScanOptions,
): Promise<PersonalDataHit[]> {
  const columns = (await query(
    `SELECT c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'
        AND NOT (c.table_name = ANY($2::text[]))
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
             OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_bpchar', '_json', '_jsonb')))
      ORDER BY c.table_name, c.ordinal_position`,
    [schema, [...exceptTables]],
  )) as TextColumn[];
  const hits: PersonalDataHit[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const [row] = (await query(
      `SELECT count(*)::int AS n FROM ${quoted(schema)}.${quoted(table)}
        WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS needle
                       WHERE strpos(lower(${quoted(column)}::text), needle) > 0)`,
      [needles],
    )) as { n: number }[];
    if (row && row.n > 0) hits.push({ table, column, count: row.n });
  }
  return hits;
}
