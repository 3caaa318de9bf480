import { defineMigration } from '#platform';

/** The clock may run past a cohort's own end for extended interns (EXTENDED_WEEK_STARTED). */
export const ExtendedClockWeeks1732700000000 = defineMigration('ExtendedClockWeeks1732700000000', {
  async up(queryRunner) {
    await queryRunner.query(`ALTER TABLE clock_events DROP CONSTRAINT clock_events_kind_check`);
    await queryRunner.query(
      `ALTER TABLE clock_events ADD CONSTRAINT clock_events_kind_check
         CHECK (kind IN ('COHORT_STARTED', 'WEEK_STARTED', 'PHASE_CHANGED', 'COHORT_COMPLETED', 'EXTENDED_WEEK_STARTED'))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX clock_events_extended_week_idx ON clock_events (cohort_id, week) WHERE kind = 'EXTENDED_WEEK_STARTED'`,
    );
  },
  async down(queryRunner) {
    await queryRunner.query(`DROP INDEX IF EXISTS clock_events_extended_week_idx`);
    await queryRunner.query(`DELETE FROM clock_events WHERE kind = 'EXTENDED_WEEK_STARTED'`);
    await queryRunner.query(`ALTER TABLE clock_events DROP CONSTRAINT clock_events_kind_check`);
    await queryRunner.query(
      `ALTER TABLE clock_events ADD CONSTRAINT clock_events_kind_check
         CHECK (kind IN ('COHORT_STARTED', 'WEEK_STARTED', 'PHASE_CHANGED', 'COHORT_COMPLETED'))`,
    );
  },
});
