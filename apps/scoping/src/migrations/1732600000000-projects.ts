import { defineMigration, dropTables } from '#platform';

/**
 * Project scopes (versioned, with milestones and their history), milestone reports, the
 * once-only deadline notices, and the projections scoping's rules need: the cohort's clock (its
 * current week), interns' status and extensions, and mentor assignments.
 */
export const Projects1732600000000 = defineMigration('Projects1732600000000', {
  async up(queryRunner) {
    // Projections of the cohorts and mentors contexts.
    await queryRunner.query(`ALTER TABLE cohorts ADD COLUMN current_week int NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE interns ADD COLUMN status text NOT NULL DEFAULT 'ENROLLED'`);
    await queryRunner.query(`ALTER TABLE interns ADD COLUMN ended_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE intern_extensions (
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        total_weeks int NOT NULL,
        weeks int NOT NULL,
        after_week int,
        granted_at timestamptz NOT NULL,
        PRIMARY KEY (cohort_id, intern_id, total_weeks)
      )`);
    await queryRunner.query(`
      CREATE TABLE mentor_assignments (
        assignment_id text PRIMARY KEY,
        intern_id text NOT NULL,
        mentor_id text NOT NULL,
        cohort_id text NOT NULL,
        role text NOT NULL,
        assigned_at timestamptz NOT NULL,
        unassigned_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX mentor_assignments_intern_idx ON mentor_assignments (intern_id, cohort_id) WHERE unassigned_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX mentor_assignments_mentor_idx ON mentor_assignments (mentor_id) WHERE unassigned_at IS NULL`,
    );

    // Projects and their versioned scopes.
    await queryRunner.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY,
        intern_id text NOT NULL,
        cohort_id text NOT NULL,
        enrollment_id text NOT NULL,
        revision int NOT NULL,
        latest_version int NOT NULL,
        version_in_force int,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT projects_intern_cohort_key UNIQUE (intern_id, cohort_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE scope_versions (
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        version int NOT NULL,
        status text NOT NULL,
        title text NOT NULL,
        problem_statement text NOT NULL,
        objectives jsonb NOT NULL,
        success_metrics jsonb NOT NULL,
        deliverables jsonb NOT NULL,
        extension_grants_seen int NOT NULL,
        drafted_by text NOT NULL,
        drafted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        submitted_by text,
        submitted_at timestamptz,
        decided_by text,
        decided_at timestamptz,
        feedback text,
        PRIMARY KEY (project_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE scope_milestones (
        project_id uuid NOT NULL,
        version int NOT NULL,
        milestone_id uuid NOT NULL,
        position int NOT NULL,
        title text NOT NULL,
        due_week int NOT NULL,
        acceptance_criteria jsonb NOT NULL,
        PRIMARY KEY (project_id, version, milestone_id),
        FOREIGN KEY (project_id, version) REFERENCES scope_versions (project_id, version) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX scope_milestones_milestone_idx ON scope_milestones (milestone_id)`);
    await queryRunner.query(`
      CREATE TABLE scope_history (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        version int NOT NULL,
        action text NOT NULL,
        actor_id text NOT NULL,
        at timestamptz NOT NULL,
        feedback text
      )`);
    await queryRunner.query(`CREATE INDEX scope_history_project_idx ON scope_history (project_id, id)`);

    // Milestone reports: one row per submission (attempt), reviewed once.
    await queryRunner.query(`
      CREATE TABLE milestone_reports (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        milestone_id uuid NOT NULL,
        intern_id text NOT NULL,
        cohort_id text NOT NULL,
        scope_version int NOT NULL,
        attempt int NOT NULL,
        status text NOT NULL,
        summary text NOT NULL,
        metric_results jsonb NOT NULL,
        links jsonb NOT NULL,
        blockers jsonb NOT NULL,
        next_steps jsonb NOT NULL,
        due_week int NOT NULL,
        submitted_week int NOT NULL,
        late boolean NOT NULL,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        reviewed_by text,
        reviewed_at timestamptz,
        feedback text,
        CONSTRAINT milestone_reports_attempt_key UNIQUE (milestone_id, attempt)
      )`);
    await queryRunner.query(`CREATE INDEX milestone_reports_project_idx ON milestone_reports (project_id)`);

    // Each overdue deadline is announced once: the key makes a second announcement a no-op.
    await queryRunner.query(`
      CREATE TABLE deadline_notices (
        kind text NOT NULL,
        subject text NOT NULL,
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        project_id uuid,
        milestone_id uuid,
        due_week int NOT NULL,
        noticed_in_week int NOT NULL,
        caused_by text NOT NULL,
        noticed_at timestamptz NOT NULL,
        PRIMARY KEY (kind, subject)
      )`);
    await queryRunner.query(`CREATE INDEX deadline_notices_intern_idx ON deadline_notices (intern_id, cohort_id)`);
  },

  async down(queryRunner) {
    await dropTables(queryRunner, [
      'deadline_notices',
      'milestone_reports',
      'scope_history',
      'scope_milestones',
      'scope_versions',
      'projects',
      'mentor_assignments',
      'intern_extensions',
    ]);
    await queryRunner.query(`ALTER TABLE interns DROP COLUMN IF EXISTS ended_at`);
    await queryRunner.query(`ALTER TABLE interns DROP COLUMN IF EXISTS status`);
    await queryRunner.query(`ALTER TABLE cohorts DROP COLUMN IF EXISTS current_week`);
  },
});
