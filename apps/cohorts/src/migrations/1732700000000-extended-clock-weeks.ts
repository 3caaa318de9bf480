import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The clock may run past a cohort's own end for extended interns (EXTENDED_WEEK_STARTED). */
export class ExtendedClockWeeks1732700000000 implements MigrationInterface {
  name = 'ExtendedClockWeeks1732700000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE clock_events DROP CONSTRAINT clock_events_kind_check`);
    await queryRunner.query(
      `ALTER TABLE clock_events ADD CONSTRAINT clock_events_kind_check
         CHECK (kind IN ('COHORT_STARTED', 'WEEK_STARTED', 'PHASE_CHANGED', 'COHORT_COMPLETED', 'EXTENDED_WEEK_STARTED'))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX clock_events_extended_week_idx ON clock_events (cohort_id, week) WHERE kind = 'EXTENDED_WEEK_STARTED'`,
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS clock_events_extended_week_idx`);
    await queryRunner.query(`DELETE FROM clock_events WHERE kind = 'EXTENDED_WEEK_STARTED'`);
    await queryRunner.query(`ALTER TABLE clock_events DROP CONSTRAINT clock_events_kind_check`);
    await queryRunner.query(
      `ALTER TABLE clock_events ADD CONSTRAINT clock_events_kind_check
         CHECK (kind IN ('COHORT_STARTED', 'WEEK_STARTED', 'PHASE_CHANGED', 'COHORT_COMPLETED'))`,
    );
  }
}
