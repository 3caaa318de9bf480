import { defineMigration, dropTables } from '#platform';

/**
 * Issue 4: the projection of cohort calendars and clocks (from cohorts events), who made and
 * ended an assignment and why, check-ins, and the missed check-ins detected per pair and week
 * (unique, so that a redelivered or republished CohortWeekStarted never reports one twice).
 */
export const CohortsCheckInsMissed1732500000000 = defineMigration('CohortsCheckInsMissed1732500000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE cohorts (
        cohort_id text PRIMARY KEY,
        name text,
        start_date date NOT NULL,
        weeks int NOT NULL CHECK (weeks >= 1),
        timezone text,
        status text NOT NULL CHECK (status IN ('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
        current_week int CHECK (current_week IS NULL OR current_week >= 1),
        current_week_starts_on date,
        current_week_ends_on date,
        last_event_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`ALTER TABLE interns ADD COLUMN extension_weeks int NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX interns_latest_idx ON interns (intern_id, enrolled_at DESC)`);

    await queryRunner.query(`
      ALTER TABLE assignments
        ADD COLUMN assigned_by text,
        ADD COLUMN unassigned_by text,
        ADD COLUMN end_reason text`);

    await queryRunner.query(`
      CREATE TABLE check_ins (
        id uuid PRIMARY KEY,
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        mentor_id text NOT NULL REFERENCES mentors (mentor_id),
        assignment_id uuid NOT NULL REFERENCES assignments (id),
        occurred_on date NOT NULL,
        week int CHECK (week IS NULL OR week >= 1),
        duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 1 AND 480),
        format text NOT NULL,
        progress text NOT NULL CHECK (progress IN ('OFF_TRACK', 'AT_RISK', 'ON_TRACK', 'AHEAD')),
        notes text NOT NULL,
        private_notes text,
        blockers text[] NOT NULL,
        action_items text[] NOT NULL,
        logged_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (intern_id, cohort_id) REFERENCES interns (intern_id, cohort_id)
      )`);
    // The history, newest first (keyset pagination), and "did this pair check in that week?".
    await queryRunner.query(
      `CREATE INDEX check_ins_history_idx ON check_ins (intern_id, occurred_on DESC, logged_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX check_ins_pair_week_idx ON check_ins (cohort_id, intern_id, mentor_id, week)`,
    );

    await queryRunner.query(`
      CREATE TABLE missed_check_ins (
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        mentor_id text NOT NULL,
        week int NOT NULL CHECK (week >= 1),
        assignment_id uuid NOT NULL REFERENCES assignments (id),
        role text NOT NULL CHECK (role IN ('PRIMARY', 'CO_MENTOR')),
        detected_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cohort_id, intern_id, mentor_id, week)
      )`);
    await queryRunner.query(`CREATE INDEX missed_check_ins_intern_idx ON missed_check_ins (intern_id, week)`);
  },

  async down(queryRunner) {
    await dropTables(queryRunner, ['missed_check_ins', 'check_ins']);
    await queryRunner.query(
      `ALTER TABLE assignments DROP COLUMN assigned_by, DROP COLUMN unassigned_by, DROP COLUMN end_reason`,
    );
    await queryRunner.query(`DROP INDEX IF EXISTS interns_latest_idx`);
    await queryRunner.query(`ALTER TABLE interns DROP COLUMN extension_weeks`);
    await queryRunner.query(`DROP TABLE IF EXISTS cohorts`);
  },
});
