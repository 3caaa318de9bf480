import { defineMigration, dropTables } from '#platform';

/**
 * Mentor profiles, the projection of interns from the cohorts context, and mentor assignments
 * (written from the next issue on; read by Intern.mentors and Mentor.mentees already).
 */
export const MentorsInternsAssignments1732400000000 = defineMigration('MentorsInternsAssignments1732400000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE mentors (
        mentor_id text PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        team text NOT NULL,
        expertise text[] NOT NULL,
        timezone text NOT NULL,
        capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 10),
        cohort_ids text[],
        registered_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX mentors_name_idx ON mentors (name, mentor_id)`);
    await queryRunner.query(`CREATE INDEX mentors_cohort_ids_idx ON mentors USING gin (cohort_ids)`);

    await queryRunner.query(`
      CREATE TABLE interns (
        intern_id text NOT NULL,
        cohort_id text NOT NULL,
        enrollment_id text NOT NULL,
        name text NOT NULL,
        focus_areas text[] NOT NULL,
        timezone text NOT NULL,
        status text NOT NULL CHECK (status IN ('ENROLLED', 'ONBOARDING', 'ACTIVE', 'COMPLETED', 'WITHDRAWN', 'TERMINATED')),
        enrolled_at timestamptz NOT NULL,
        last_event_at timestamptz NOT NULL,
        known_since timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (intern_id, cohort_id)
      )`);
    await queryRunner.query(`CREATE INDEX interns_cohort_idx ON interns (cohort_id, name, intern_id)`);

    await queryRunner.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY,
        intern_id text NOT NULL,
        mentor_id text NOT NULL REFERENCES mentors (mentor_id),
        cohort_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('PRIMARY', 'CO_MENTOR')),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        unassigned_at timestamptz,
        CHECK (unassigned_at IS NULL OR unassigned_at >= assigned_at),
        FOREIGN KEY (intern_id, cohort_id) REFERENCES interns (intern_id, cohort_id)
      )`);
    // One active assignment per pair, one active primary mentor per intern.
    await queryRunner.query(
      `CREATE UNIQUE INDEX assignments_active_pair_uq ON assignments (intern_id, mentor_id) WHERE unassigned_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX assignments_active_primary_uq ON assignments (intern_id) WHERE role = 'PRIMARY' AND unassigned_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX assignments_active_mentor_idx ON assignments (mentor_id) WHERE unassigned_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX assignments_cohort_idx ON assignments (cohort_id)`);
  },

  async down(queryRunner) {
    await dropTables(queryRunner, ['assignments', 'interns', 'mentors']);
  },
});
