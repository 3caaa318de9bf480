import { defineMigration } from '#platform';

/**
 * The projection of the mentors context's assignments (MentorAssigned, MentorUnassigned): which
 * interns each mentor mentors now, for the rule "a mentor sees only their own mentees".
 */
export const MentorAssignments1732600000000 = defineMigration('MentorAssignments1732600000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE mentor_assignments (
        assignment_id text PRIMARY KEY,
        intern_id text NOT NULL,
        mentor_id text NOT NULL,
        cohort_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('PRIMARY', 'CO_MENTOR')),
        assigned_at timestamptz NOT NULL,
        unassigned_at timestamptz
      )`);
    // The two questions asked of it: an intern's mentors now, and a mentor's mentees now.
    await queryRunner.query(
      `CREATE INDEX mentor_assignments_active_intern_idx ON mentor_assignments (intern_id) WHERE unassigned_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX mentor_assignments_active_mentor_idx ON mentor_assignments (mentor_id, intern_id) WHERE unassigned_at IS NULL`,
    );
  },

  async down(queryRunner) {
    await queryRunner.query(`DROP TABLE IF EXISTS mentor_assignments`);
  },
});
