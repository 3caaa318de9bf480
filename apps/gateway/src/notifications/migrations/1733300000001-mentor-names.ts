import { defineMigration } from '#platform';

/** Mentors' names (from MentorRegistered and MentorProfileUpdated), so that notifications name people. */
export const MentorNames1733300000001 = defineMigration('MentorNames1733300000001', {
  async up(queryRunner) {
    await queryRunner.query(`CREATE TABLE mentor_names (mentor_id text PRIMARY KEY, name text NOT NULL)`);
  },
  async down(queryRunner) {
    await queryRunner.query(`DROP TABLE IF EXISTS mentor_names`);
  },
});
