import { defineMigration, dropTables } from '#platform';

/**
 * The interns and mentors whose personal data was erased (InternErased, MentorErased): ids only.
 * The gateway forgets their names and addresses and keeps this, so that no later event (a replay,
 * a late MentorProfileUpdated) brings a name or an address back, and no mail is ever queued for them.
 */
export const ErasedPeople1733620000000 = defineMigration('ErasedPeople1733620000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE erased_people (
        person_id text NOT NULL,
        person text NOT NULL CHECK (person IN ('INTERN', 'MENTOR')),
        erased_at timestamptz NOT NULL,
        PRIMARY KEY (person_id, person)
      )`);
  },
  async down(queryRunner) {
    await dropTables(queryRunner, ['erased_people']);
  },
});
