import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createProgressTables, dropProgressTables } from '../progress/persistence/progress-tables.js';

/** The progress and risk read model (facts and rows), rebuildable from the topics. */
export class ProgressReadModel1732600000000 implements MigrationInterface {
  name = 'ProgressReadModel1732600000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await createProgressTables((sql) => queryRunner.query(sql));
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await dropProgressTables((sql) => queryRunner.query(sql));
  }
}
