import { defineMigration } from '#platform';

/**
 * SPEC §7: who recorded each evaluation (the author, or a program manager on the mentor's behalf),
 * and the final outcomes awaited once an intern's own program ended (the FinalOutcomeAwaited
 * reminders sent, so a restart never skips or repeats one).
 */
export const EvaluationCorrections1732700000000 = defineMigration('EvaluationCorrections1732700000000', {
  async up(queryRunner) {
    await queryRunner.query(`ALTER TABLE evaluations ADD COLUMN recorded_by_id text`);
    await queryRunner.query(`ALTER TABLE evaluations ADD COLUMN recorded_by_role text`);
    await queryRunner.query(`
      UPDATE evaluations SET recorded_by_id = author_id,
        recorded_by_role = CASE WHEN kind = 'SELF' THEN 'INTERN' ELSE 'MENTOR' END`);
    await queryRunner.query(`ALTER TABLE evaluations ALTER COLUMN recorded_by_id SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE evaluations ALTER COLUMN recorded_by_role SET NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE final_outcome_reminders (
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        program_ended_on text NOT NULL,
        program_ended_at timestamptz NOT NULL,
        reminders_sent int NOT NULL,
        last_sent_at timestamptz NOT NULL,
        next_due_at timestamptz NOT NULL,
        resolved_at timestamptz,
        PRIMARY KEY (cohort_id, intern_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX final_outcome_reminders_due_idx ON final_outcome_reminders (next_due_at) WHERE resolved_at IS NULL`,
    );
  },
  async down(queryRunner) {
    await queryRunner.query(`DROP TABLE IF EXISTS final_outcome_reminders`);
    await queryRunner.query(`ALTER TABLE evaluations DROP COLUMN recorded_by_role`);
    await queryRunner.query(`ALTER TABLE evaluations DROP COLUMN recorded_by_id`);
  },
});
