import { defineMigration, dropTables } from '#platform';
import { createRiskWeeksTable } from '../progress/persistence/progress-tables.js';

/** Each intern's risk level per program week (part of the rebuildable progress read model). */
export const InternRiskWeeks1733400000000 = defineMigration('InternRiskWeeks1733400000000', {
  async up(queryRunner) {
    await createRiskWeeksTable((sql) => queryRunner.query(sql));
  },
  async down(queryRunner) {
    await dropTables(queryRunner, ['intern_risk_weeks']);
  },
});
