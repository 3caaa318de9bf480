import { defineMigration } from '#platform';
import { createProgressTables, dropProgressTables } from '../progress/persistence/progress-tables.js';

/** The progress and risk read model (facts and rows), rebuildable from the topics. */
export const ProgressReadModel1732600000000 = defineMigration('ProgressReadModel1732600000000', {
  async up(queryRunner) {
    await createProgressTables((sql) => queryRunner.query(sql));
  },
  async down(queryRunner) {
    await dropProgressTables((sql) => queryRunner.query(sql));
  },
});
