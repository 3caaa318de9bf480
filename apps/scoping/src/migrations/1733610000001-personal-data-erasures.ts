import { defineMigration, dropTables } from '#platform';

/**
 * Issue 18: the erasures of personal data this service applied (InternErased, MentorErased),
 * without any of the erased data: a redelivery finds them done, and a replayed InternEnrolled
 * never brings an erased intern's name back.
 */
export const PersonalDataErasures1733610000001 = defineMigration('PersonalDataErasures1733610000001', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE personal_data_erasures (
        person text NOT NULL CHECK (person IN ('MENTOR', 'INTERN')),
        subject_id text NOT NULL,
        erased_at timestamptz NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('REQUEST', 'RETENTION_POLICY')),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person, subject_id)
      )`);
  },

  async down(queryRunner) {
    await dropTables(queryRunner, ['personal_data_erasures']);
  },
});
