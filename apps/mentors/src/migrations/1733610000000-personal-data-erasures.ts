import { defineMigration, dropTables } from '#platform';

/**
 * Issue 18: erasure of personal data. `mentors.erased_at` marks a mentor whose name and e-mail
 * were replaced by the erased values (no more updates, matching or new assignments);
 * `personal_data_erasures` records each erasure this service applied, without any of the erased
 * data: a mentor's (`eraseMentor`: who asked and why) and an intern's (from InternErased, whose
 * record of who and why is the cohorts service's), which also keeps a replayed InternEnrolled from
 * bringing an erased intern's name back.
 */
export const PersonalDataErasures1733610000000 = defineMigration('PersonalDataErasures1733610000000', {
  async up(queryRunner) {
    await queryRunner.query(`ALTER TABLE mentors ADD COLUMN erased_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE personal_data_erasures (
        person text NOT NULL CHECK (person IN ('MENTOR', 'INTERN')),
        subject_id text NOT NULL,
        reason text,
        erased_by text,
        erased_at timestamptz NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('REQUEST', 'RETENTION_POLICY')),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person, subject_id),
        CHECK (person <> 'MENTOR' OR (reason IS NOT NULL AND erased_by IS NOT NULL))
      )`);
  },

  async down(queryRunner) {
    await dropTables(queryRunner, ['personal_data_erasures']);
    await queryRunner.query(`ALTER TABLE mentors DROP COLUMN erased_at`);
  },
});
