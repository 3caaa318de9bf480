import { defineMigration, dropTables } from '#platform';

/**
 * The interns whose personal data was erased (InternErased): ids only. Their name is gone from the
 * `interns` projection and from the comments, and a later InternEnrolled (a replay) cannot bring
 * it back. The progress read model keeps its own record (an ERASED fact), so that a rebuild finds it.
 */
export const ErasedInterns1733620000000 = defineMigration('ErasedInterns1733620000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE erased_interns (
        intern_id text PRIMARY KEY,
        erased_at timestamptz NOT NULL
      )`);
  },
  async down(queryRunner) {
    await dropTables(queryRunner, ['erased_interns']);
  },
});
