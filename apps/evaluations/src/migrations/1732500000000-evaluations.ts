import { defineMigration, dropTables } from '#platform';

/**
 * The write side of issue 6: what evaluations keeps of the other contexts (the cohort clock, the
 * interns' enrollments and extensions, mentor assignments, presentation slots), the evaluations,
 * presentation scores, cohort rubrics and the evaluation windows already announced.
 */
export const Evaluations1732500000000 = defineMigration('Evaluations1732500000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE eval_cohorts (
        cohort_id text PRIMARY KEY,
        name text,
        start_date text,
        weeks int,
        timezone text,
        current_week int NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'SCHEDULED'
      )`);
    await queryRunner.query(`ALTER TABLE interns ADD COLUMN status text NOT NULL DEFAULT 'ENROLLED'`);
    await queryRunner.query(`ALTER TABLE interns ADD COLUMN extensions jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await queryRunner.query(`ALTER TABLE interns ADD COLUMN ended_at timestamptz`);
    await queryRunner.query(`CREATE INDEX interns_intern_idx ON interns (intern_id)`);
    await queryRunner.query(`
      CREATE TABLE mentor_assignments (
        assignment_id text PRIMARY KEY,
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        mentor_id text NOT NULL,
        role text NOT NULL,
        assigned_at timestamptz NOT NULL,
        unassigned boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(`CREATE INDEX mentor_assignments_intern_idx ON mentor_assignments (intern_id, cohort_id)`);
    await queryRunner.query(`CREATE INDEX mentor_assignments_mentor_idx ON mentor_assignments (mentor_id)`);
    await queryRunner.query(`
      CREATE TABLE presentation_slots (
        slot_id text PRIMARY KEY,
        cohort_id text NOT NULL,
        starts_at timestamptz NOT NULL,
        duration_minutes int,
        panel_mentor_ids text[] NOT NULL,
        intern_id text
      )`);
    await queryRunner.query(`
      CREATE TABLE evaluations (
        id uuid PRIMARY KEY,
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        author_id text NOT NULL,
        kind text NOT NULL,
        cycle text NOT NULL,
        scores jsonb NOT NULL,
        average_score double precision NOT NULL,
        shared_comments text,
        private_comments text,
        reflections text,
        program_nps int,
        decision text,
        extension_weeks int,
        return_offer text,
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision int NOT NULL,
        CONSTRAINT evaluations_one_per_cycle UNIQUE (cohort_id, intern_id, kind, cycle)
      )`);
    await queryRunner.query(`CREATE INDEX evaluations_intern_idx ON evaluations (intern_id)`);
    await queryRunner.query(`
      CREATE TABLE presentation_scores (
        slot_id text NOT NULL,
        intern_id text NOT NULL,
        mentor_id text NOT NULL,
        cohort_id text NOT NULL,
        scores jsonb NOT NULL,
        average_score double precision NOT NULL,
        comments text,
        scored_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (slot_id, intern_id, mentor_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX presentation_scores_cohort_idx ON presentation_scores (cohort_id, intern_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE cohort_rubrics (
        cohort_id text NOT NULL,
        kind text NOT NULL,
        rubric jsonb NOT NULL,
        tailored_by text NOT NULL,
        tailored_at timestamptz NOT NULL,
        PRIMARY KEY (cohort_id, kind)
      )`);
    await queryRunner.query(`
      CREATE TABLE evaluation_windows (
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        cycle text NOT NULL,
        week int NOT NULL,
        status text NOT NULL,
        due_announced boolean NOT NULL DEFAULT false,
        close_announced boolean NOT NULL DEFAULT false,
        PRIMARY KEY (cohort_id, intern_id, cycle)
      )`);
  },
  async down(queryRunner) {
    await dropTables(queryRunner, [
      'evaluation_windows',
      'cohort_rubrics',
      'presentation_scores',
      'evaluations',
      'presentation_slots',
      'mentor_assignments',
      'eval_cohorts',
    ]);
    await queryRunner.query(`DROP INDEX IF EXISTS interns_intern_idx`);
    await queryRunner.query(`ALTER TABLE interns DROP COLUMN ended_at, DROP COLUMN extensions, DROP COLUMN status`);
  },
});
