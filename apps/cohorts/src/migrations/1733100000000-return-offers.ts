import { defineMigration } from '#platform';

/**
 * The return offer of each enrollment: the recommendation of the latest final outcome applied,
 * then the status a program manager records (`recordOfferDecision`) and when.
 */
export const ReturnOffers1733100000000 = defineMigration('ReturnOffers1733100000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      ALTER TABLE enrollments
        ADD COLUMN offer_recommendation text CHECK (offer_recommendation IN ('STRONG_YES', 'YES', 'NO')),
        ADD COLUMN offer_status text CHECK (offer_status IN ('EXTENDED', 'ACCEPTED', 'DECLINED')),
        ADD COLUMN offer_decided_at timestamptz`);
  },
  async down(queryRunner) {
    await queryRunner.query(`
      ALTER TABLE enrollments
        DROP COLUMN offer_recommendation,
        DROP COLUMN offer_status,
        DROP COLUMN offer_decided_at`);
  },
});
