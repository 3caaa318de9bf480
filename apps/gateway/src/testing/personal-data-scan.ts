/**
 * Looks through every text-like column of every table of a database for a person's name or
 * e-mail: what an erasure test asserts is gone. (Written for the gateway's and evaluations'
 * erasure specs; to move to `libs/testing` as `findPersonalData` beside the other services'.)
 */

/** Anything that runs SQL: a TypeORM DataSource or EntityManager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** One column of one row that holds a needle, as text (cut to 300 characters). */
export interface PersonalDataFinding {
  table: string;
  column: string;
  needle: string;
  value: string;
}

export interface PersonalDataScanOptions {
  /** Schemas to look in; `public` unless told. */
  schemas?: string[];
  /** Tables not looked at (by name), each with the reason in the caller's comment. */
  excludeTables?: string[];
}

const TEXT_TYPES = ['text', 'character varying', 'character', 'json', 'jsonb', 'citext'];

/**
 * Every place the needles (names, addresses; case ignored) occur in the database: text, varchar,
 * char, json and jsonb columns, and arrays of them. Empty when none is left anywhere.
 */
export async function findPersonalData(
  db: Queryable,
  needles: readonly string[],
  options: PersonalDataScanOptions = {},
): Promise<PersonalDataFinding[]> {
  const wanted = needles.map((n) => n.trim()).filter((n) => n.length > 0);
  if (wanted.length === 0) throw new Error('findPersonalData: nothing to look for');
  const columns = (await db.query(
    `SELECT c.table_schema, c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE t.table_type = 'BASE TABLE' AND c.table_schema = ANY($1)
        AND (c.data_type = ANY($2) OR (c.data_type = 'ARRAY' AND ltrim(c.udt_name, '_') = ANY($3)))
        AND NOT (c.table_name = ANY($4))
      ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
    [
      options.schemas ?? ['public'],
      TEXT_TYPES,
      ['text', 'varchar', 'bpchar', 'json', 'jsonb'],
      options.excludeTables ?? [],
    ],
  )) as { table_schema: string; table_name: string; column_name: string }[];
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const findings: PersonalDataFinding[] = [];
  for (const c of columns) {
    const rows = (await db.query(
      `SELECT n.t AS needle, left(x.${q(c.column_name)}::text, 300) AS value
         FROM ${q(c.table_schema)}.${q(c.table_name)} x
         JOIN unnest($1::text[]) AS n(t) ON strpos(lower(x.${q(c.column_name)}::text), lower(n.t)) > 0
        LIMIT 20`,
      [wanted],
    )) as { needle: string; value: string }[];
    for (const r of rows) {
      findings.push({
        table: c.table_schema === 'public' ? c.table_name : `${c.table_schema}.${c.table_name}`,
        column: c.column_name,
        needle: r.needle,
        value: r.value,
      });
    }
  }
  return findings;
}
