import { defineMigration, dropTables } from '#platform';

/**
 * Which decision of each evaluation (MIDPOINT or FINAL) each enrollment has applied: a corrected
 * decision of the same evaluation (a higher `revision`) replaces it, an older or equal one is
 * ignored. The midpoint extensions applied before this table existed are recorded as revision 1.
 */
export const AppliedEvaluationDecisions1732960000000 = defineMigration('AppliedEvaluationDecisions1732960000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE applied_evaluation_decisions (
        enrollment_id uuid NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
        cycle text NOT NULL CHECK (cycle IN ('MIDPOINT', 'FINAL')),
        evaluation_id text NOT NULL,
        revision int NOT NULL CHECK (revision >= 1),
        decision text NOT NULL,
        extension_weeks int,
        applied_at timestamptz NOT NULL,
        PRIMARY KEY (enrollment_id, evaluation_id)
      )`);
    await queryRunner.query(`
      INSERT INTO applied_evaluation_decisions (enrollment_id, cycle, evaluation_id, revision, decision, extension_weeks, applied_at)
      SELECT enrollment_id, 'MIDPOINT', substring(source_ref from 12), 1, 'EXTEND', weeks, granted_at
        FROM enrollment_extensions
       WHERE source = 'MIDPOINT_DECISION' AND source_ref LIKE 'evaluation:%'`);
  },
  async down(queryRunner) {
    await dropTables(queryRunner, ['applied_evaluation_decisions']);
  },
});
