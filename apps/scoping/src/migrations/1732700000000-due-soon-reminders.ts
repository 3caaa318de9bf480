import { defineMigration } from '#platform';

/**
 * SPEC §7 reminders: each ProjectScopeDueSoon / MilestoneDueSoon sent, keyed by the intern's
 * deadline and its due date, stored in the transaction that appends the event to the outbox (a
 * restart neither skips nor repeats one; an extension that moves the due date makes a new one due).
 */
export const DueSoonReminders1732700000000 = defineMigration('DueSoonReminders1732700000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE due_soon_reminders (
        kind text NOT NULL,
        subject text NOT NULL,
        due_on date NOT NULL,
        cohort_id text NOT NULL,
        intern_id text NOT NULL,
        project_id uuid,
        milestone_id uuid,
        due_week int NOT NULL,
        caused_by text NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (kind, subject, due_on)
      )`);
    await queryRunner.query(`CREATE INDEX due_soon_reminders_cohort_idx ON due_soon_reminders (cohort_id)`);
  },
  async down(queryRunner) {
    await queryRunner.query(`DROP TABLE IF EXISTS due_soon_reminders`);
  },
});
