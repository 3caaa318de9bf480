import { defineMigration, dropTables } from '#platform';

/**
 * Issue 18, erasure of personal data. `personal_data_erasures` records each erasure — whose (the
 * person's id and kind), when, why, by whom and how it came about — and none of the erased data;
 * it also keeps an erased person's id from being given personal data again. The program clock
 * gets one more kind of entry, PERSONAL_DATA_RETENTION: a completed cohort's interns are erased
 * when it fires (once per cohort).
 */
export const PersonalDataErasure1733600000000 = defineMigration('PersonalDataErasure1733600000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE personal_data_erasures (
        person text NOT NULL CHECK (person IN ('INTERN', 'MENTOR')),
        subject_id text NOT NULL,
        reason text,
        erased_by text,
        erased_at timestamptz NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('REQUEST', 'RETENTION_POLICY')),
        PRIMARY KEY (person, subject_id)
      )`);
    await queryRunner.query(`ALTER TABLE clock_events DROP CONSTRAINT clock_events_kind_check`);
    await queryRunner.query(
      `ALTER TABLE clock_events ADD CONSTRAINT clock_events_kind_check
         CHECK (kind IN ('COHORT_STARTED', 'WEEK_STARTED', 'PHASE_CHANGED', 'COHORT_COMPLETED', 'EXTENDED_WEEK_STARTED',
                         'PERSONAL_DATA_RETENTION'))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX clock_events_retention_idx ON clock_events (cohort_id) WHERE kind = 'PERSONAL_DATA_RETENTION'`,
    );
  },

  async down(queryRunner) {
    await queryRunner.query(`DROP INDEX IF EXISTS clock_events_retention_idx`);
    await queryRunner.query(`DELETE FROM clock_events WHERE kind = 'PERSONAL_DATA_RETENTION'`);
    await queryRunner.query(`ALTER TABLE clock_events DROP CONSTRAINT clock_events_kind_check`);
    await queryRunner.query(
      `ALTER TABLE clock_events ADD CONSTRAINT clock_events_kind_check
         CHECK (kind IN ('COHORT_STARTED', 'WEEK_STARTED', 'PHASE_CHANGED', 'COHORT_COMPLETED', 'EXTENDED_WEEK_STARTED'))`,
    );
    await dropTables(queryRunner, ['personal_data_erasures']);
  },
});
