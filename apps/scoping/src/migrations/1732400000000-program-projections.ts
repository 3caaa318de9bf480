import type { MigrationInterface, QueryRunner } from 'typeorm';
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
    await queryRunner.query(`
      CREATE TABLE interns (
        intern_id text NOT NULL,
        cohort_id text NOT NULL,
        enrollment_id text NOT NULL,
        name text NOT NULL,
        enrolled_at timestamptz NOT NULL,
        PRIMARY KEY (intern_id, cohort_id)
      )`);
    await queryRunner.query(`CREATE INDEX interns_cohort_idx ON interns (cohort_id)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, ['interns', 'cohorts']);
  }
}
