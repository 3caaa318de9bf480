import { defineMigration, dropTables } from '#platform';

/**
 * SPEC §7: a check-in week is missed per intern (none of their mentors logged one), announced once
 * per intern and week (CheckInMissed v2). The key (cohort, intern, week) makes the detection happen
 * once however often a clock event is delivered or republished. Weeks already detected per pair
 * (v1) are carried over, so that a republished tick of such a week announces nothing again.
 */
export const MissedInternWeeks1732700000000 = defineMigration('MissedInternWeeks1732700000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE missed_intern_weeks (
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        week int NOT NULL CHECK (week >= 1),
        mentor_ids text[] NOT NULL,
        primary_mentor_id text,
        detected_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cohort_id, intern_id, week)
      )`);
    await queryRunner.query(`
      INSERT INTO missed_intern_weeks (cohort_id, intern_id, week, mentor_ids, primary_mentor_id, detected_at)
      SELECT cohort_id, intern_id, week,
             array_agg(mentor_id ORDER BY (role = 'PRIMARY') DESC, mentor_id),
             max(mentor_id) FILTER (WHERE role = 'PRIMARY'),
             min(detected_at)
        FROM missed_check_ins
       GROUP BY cohort_id, intern_id, week`);
  },

  async down(queryRunner) {
    await dropTables(queryRunner, ['missed_intern_weeks']);
  },
});
