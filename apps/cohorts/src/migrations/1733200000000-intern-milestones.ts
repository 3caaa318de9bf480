import { defineMigration } from '#platform';

/**
 * Issue 13: the milestones of each intern's approved scope (scoping's ProjectScopeApproved v1/v2),
 * for the intern's own calendar feed. One row per milestone ever approved: a milestone a later
 * approval drops stays, `removed`, so that the feed shows it cancelled under the same UID;
 * `sequence` is its calendar revision (raised when its due week, title or presence changes).
 */
export const InternMilestones1733200000000 = defineMigration('InternMilestones1733200000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE intern_milestones (
        milestone_id text PRIMARY KEY,
        project_id text NOT NULL,
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        title text NOT NULL,
        due_week int NOT NULL CHECK (due_week >= 1),
        scope_version int NOT NULL CHECK (scope_version >= 1),
        sequence int NOT NULL DEFAULT 0 CHECK (sequence >= 0),
        removed boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(`CREATE INDEX intern_milestones_intern_idx ON intern_milestones (cohort_id, intern_id)`);
    await queryRunner.query(`CREATE INDEX intern_milestones_project_idx ON intern_milestones (project_id)`);
  },

  async down(queryRunner) {
    await queryRunner.query(`DROP TABLE IF EXISTS intern_milestones`);
  },
});
