import { createInternsTable } from '#messaging';
import { defineMigration, dropTables } from '#platform';

export const ProgramProjections1732400000000 = defineMigration('ProgramProjections1732400000000', {
  async up(queryRunner) {
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
  },
  async down(queryRunner) {
    await dropTables(queryRunner, ['interns', 'cohorts']);
  },
});
