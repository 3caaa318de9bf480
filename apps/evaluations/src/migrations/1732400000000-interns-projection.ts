import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InternsProjection1732400000000 implements MigrationInterface {
  name = 'InternsProjection1732400000000';
  async up(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query(`DROP TABLE IF EXISTS interns`);
  }
}
