import type { MigrationInterface, QueryRunner } from 'typeorm';

export interface MigrationSteps {
  up(queryRunner: QueryRunner): Promise<void>;
  down(queryRunner: QueryRunner): Promise<void>;
}

/**
 * A migration class as TypeORM runs it, from its name (`<What><timestamp>`: TypeORM records it
 * under that name and orders by the timestamp at its end) and its steps:
 * `export const Projects1732600000000 = defineMigration('Projects1732600000000', { async up(queryRunner) {…}, async down(queryRunner) {…} })`.
 */
export function defineMigration(name: string, steps: MigrationSteps): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = name;
    up(queryRunner: QueryRunner): Promise<void> {
      return steps.up(queryRunner);
    }
    down(queryRunner: QueryRunner): Promise<void> {
      return steps.down(queryRunner);
    }
  };
}
