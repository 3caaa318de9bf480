import { defineMigration } from '#platform';

/**
 * The mentors whose assignment ended because the intern was withdrawn are kept, marked
 * `ended_by_withdrawal`, instead of being deleted: an `InternReinstated` tells them too, whether
 * or not the mentors service has restored their assignment yet. They are no mentors of the intern
 * meanwhile (the directory skips them); a new `MentorAssigned` of the pair clears the mark.
 */
export const MentorsKeptThroughWithdrawal1733300000000 = defineMigration('MentorsKeptThroughWithdrawal1733300000000', {
  async up(queryRunner) {
    await queryRunner.query(`ALTER TABLE intern_mentors ADD COLUMN ended_by_withdrawal boolean NOT NULL DEFAULT false`);
  },
  async down(queryRunner) {
    await queryRunner.query(`DELETE FROM intern_mentors WHERE ended_by_withdrawal`);
    await queryRunner.query(`ALTER TABLE intern_mentors DROP COLUMN ended_by_withdrawal`);
  },
});
