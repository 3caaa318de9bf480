import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keys of the people whose record a service owns (cohorts: interns; mentors: mentors), one
 * per person; `key` NULL and `erased_at` set once the person is erased. Outbox rows may be
 * tombstones of the compacted keys topic (no envelope).
 */
export function personalDataKeysMigration(timestamp: number): new () => MigrationInterface {
  return class PersonalDataKeys implements MigrationInterface {
    name = `PersonalDataKeys${timestamp}`;
    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`
        CREATE TABLE personal_data_keys (
          subject_id text PRIMARY KEY,
          person text NOT NULL,
          key bytea,
          created_at timestamptz NOT NULL DEFAULT now(),
          erased_at timestamptz,
          CHECK ((key IS NULL) = (erased_at IS NOT NULL))
        )`);
      await queryRunner.query(`ALTER TABLE outbox ALTER COLUMN envelope DROP NOT NULL`);
    }
    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DELETE FROM outbox WHERE envelope IS NULL`);
      await queryRunner.query(`ALTER TABLE outbox ALTER COLUMN envelope SET NOT NULL`);
      await queryRunner.query(`DROP TABLE IF EXISTS personal_data_keys`);
    }
  };
}
