import type { QueryRunner } from 'typeorm';

/**
 * A migration's `down`: `DROP TABLE IF EXISTS <table>` for each table, one statement each, in the
 * order given (dependents first).
 */
export async function dropTables(queryRunner: Pick<QueryRunner, 'query'>, tables: readonly string[]): Promise<void> {
  for (const table of tables) await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
}
