import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createInternsTable } from '#messaging';
import { dropTables } from '#platform';

export class ProgramProjections1732400000000 implements MigrationInterface {
  name = 'ProgramProjections1732400000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cohorts (
        cohort_id text PRIMARY KEY,
        name text NOT NULL,
        start_date date NOT NULL,
        weeks int NOT NULL,
        timezone text NOT NULL,
        scheduled_at timestamptz NOT NULL
      )`);
    await createInternsTable(queryRunner);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, ['interns', 'cohorts']);
  }
}
