import { defineMigration, dropTables } from '#platform';

/** Cohorts and their enrollments (issue 2). */
export const CohortsAndEnrollments1732400000000 = defineMigration('CohortsAndEnrollments1732400000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE cohorts (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        start_date date NOT NULL,
        weeks int NOT NULL CHECK (weeks BETWEEN 10 AND 22),
        timezone text NOT NULL,
        location text NOT NULL,
        work_mode text NOT NULL CHECK (work_mode IN ('REMOTE', 'HYBRID', 'ON_SITE')),
        capacity int NOT NULL CHECK (capacity >= 1),
        status text NOT NULL CHECK (status IN ('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
        enrolled_count int NOT NULL DEFAULT 0,
        starts_at timestamptz NOT NULL,
        scheduled_by text NOT NULL,
        scheduled_at timestamptz NOT NULL,
        cancelled_at timestamptz,
        cancelled_by text,
        cancellation_reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cohorts_enrolled_within_capacity CHECK (enrolled_count BETWEEN 0 AND capacity)
      )`);
    // Keyset pagination of `cohorts(status, first, after)`: newest start date first, then id.
    await queryRunner.query(`CREATE INDEX cohorts_start_date_idx ON cohorts (start_date DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX cohorts_status_start_date_idx ON cohorts (status, start_date DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE enrollments (
        id uuid PRIMARY KEY,
        cohort_id uuid NOT NULL REFERENCES cohorts (id),
        intern_id text NOT NULL,
        name text NOT NULL,
        email text NOT NULL,
        university text NOT NULL,
        degree_level text NOT NULL CHECK (degree_level IN ('UNDERGRADUATE', 'MASTERS', 'PHD')),
        focus_areas text[] NOT NULL DEFAULT '{}',
        timezone text NOT NULL,
        status text NOT NULL
          CHECK (status IN ('ENROLLED', 'ONBOARDING', 'ACTIVE', 'COMPLETED', 'WITHDRAWN', 'TERMINATED')),
        enrolled_at timestamptz NOT NULL
      )`);
    // One enrollment per intern per cohort; also serves the cohort's enrollments in order.
    await queryRunner.query(`CREATE UNIQUE INDEX enrollments_cohort_intern_uq ON enrollments (cohort_id, intern_id)`);
    await queryRunner.query(
      `CREATE INDEX enrollments_cohort_enrolled_at_idx ON enrollments (cohort_id, enrolled_at, id)`,
    );
    await queryRunner.query(`CREATE INDEX enrollments_intern_idx ON enrollments (intern_id, enrolled_at DESC)`);
  },

  async down(queryRunner) {
    await dropTables(queryRunner, ['enrollments', 'cohorts']);
  },
});
