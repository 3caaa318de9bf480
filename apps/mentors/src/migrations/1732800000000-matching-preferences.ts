import { defineMigration, dropTables } from '#platform';

/**
 * Issue 13: matching preferences per cohort (weights and excluded pairs, replaced as a whole by
 * `setMatchingPreferences`) and each mentor's weekday working hours (both null: 09:00–17:00).
 */
export const MatchingPreferences1732800000000 = defineMigration('MatchingPreferences1732800000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      ALTER TABLE mentors
        ADD COLUMN working_hours_start text,
        ADD COLUMN working_hours_end text,
        ADD CONSTRAINT mentors_working_hours_both
          CHECK ((working_hours_start IS NULL) = (working_hours_end IS NULL))`);
    await queryRunner.query(`
      CREATE TABLE matching_preferences (
        cohort_id text PRIMARY KEY,
        expertise_weight double precision NOT NULL CHECK (expertise_weight BETWEEN 0 AND 1),
        timezone_weight double precision NOT NULL CHECK (timezone_weight BETWEEN 0 AND 1),
        workload_weight double precision NOT NULL CHECK (workload_weight BETWEEN 0 AND 1),
        exclusions jsonb NOT NULL DEFAULT '[]',
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (expertise_weight + timezone_weight + workload_weight > 0)
      )`);
  },

  async down(queryRunner) {
    await dropTables(queryRunner, ['matching_preferences']);
    await queryRunner.query(`
      ALTER TABLE mentors
        DROP CONSTRAINT mentors_working_hours_both,
        DROP COLUMN working_hours_start,
        DROP COLUMN working_hours_end`);
  },
});
