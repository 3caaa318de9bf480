import { createInternsTable } from '#messaging';
import { defineMigration } from '#platform';

export const InternsProjection1732400000000 = defineMigration('InternsProjection1732400000000', {
  async up(queryRunner) {
    await createInternsTable(queryRunner);
  },
  async down(queryRunner) {
    await queryRunner.query(`DROP TABLE IF EXISTS interns`);
  },
});
