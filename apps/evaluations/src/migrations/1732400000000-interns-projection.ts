import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createInternsTable } from '#messaging';

export class InternsProjection1732400000000 implements MigrationInterface {
  name = 'InternsProjection1732400000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await createInternsTable(queryRunner);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS interns`);
  }
}
