import { defineMigration, dropTables } from '#platform';

/**
 * SPEC §7: the interns' feedback on their primary mentor (one per intern, cohort and cycle,
 * corrected in place with a revision), and the return offers the cohorts service records
 * (ReturnOfferDecided: the latest decision per intern and cohort) for the reports.
 */
export const MentorFeedbackAndOffers1733300000000 = defineMigration('MentorFeedbackAndOffers1733300000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE mentor_feedback (
        id uuid PRIMARY KEY,
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        mentor_id text NOT NULL,
        cycle text NOT NULL CHECK (cycle IN ('MIDPOINT', 'FINAL')),
        ratings jsonb NOT NULL,
        comments text NOT NULL,
        average_score numeric(4, 2) NOT NULL,
        revision int NOT NULL CHECK (revision >= 1),
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT mentor_feedback_intern_cycle_uq UNIQUE (cohort_id, intern_id, cycle)
      )`);
    await queryRunner.query(`CREATE INDEX mentor_feedback_mentor_idx ON mentor_feedback (mentor_id)`);
    await queryRunner.query(`
      CREATE TABLE return_offers (
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('EXTENDED', 'ACCEPTED', 'DECLINED')),
        recommendation text,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (cohort_id, intern_id)
      )`);
  },
  async down(queryRunner) {
    await dropTables(queryRunner, ['return_offers', 'mentor_feedback']);
  },
});
