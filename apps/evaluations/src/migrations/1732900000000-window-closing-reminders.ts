import { defineMigration } from '#platform';

/**
 * SPEC §7 reminders: each EvaluationWindowClosing sent, keyed by intern, cycle and closing date,
 * stored in the transaction that appends the event to the outbox (a restart neither skips nor
 * repeats one; an extension that moves the window makes a new one due).
 */
export const WindowClosingReminders1732900000000 = defineMigration('WindowClosingReminders1732900000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE window_closing_reminders (
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        cycle text NOT NULL,
        closes_on date NOT NULL,
        week int NOT NULL,
        missing text[] NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (cohort_id, intern_id, cycle, closes_on)
      )`);
  },
  async down(queryRunner) {
    await queryRunner.query(`DROP TABLE IF EXISTS window_closing_reminders`);
  },
});
