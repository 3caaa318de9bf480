import { defineMigration, dropTables } from '#platform';

/**
 * The email channel: people's addresses (interns from InternEnrolled, mentors from
 * MentorRegistered / MentorProfileUpdated; program managers from their token when the gateway sees
 * them), per-user preferences, and one delivery record per notification and recipient, written in
 * the transaction that stores the notification (PENDING → SENDING → SENT; FAILED when the server
 * refused it for good, SKIPPED when opted out or without an address, UNCONFIRMED when the process
 * died while sending).
 */
export const EmailDeliveries1733400000000 = defineMigration('EmailDeliveries1733400000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE recipient_emails (
        user_id text PRIMARY KEY,
        email text NOT NULL,
        source text NOT NULL CHECK (source IN ('INTERN', 'MENTOR')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE program_managers (
        user_id text PRIMARY KEY,
        email text NOT NULL,
        name text,
        last_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE notification_preferences (
        user_id text PRIMARY KEY,
        email boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE email_deliveries (
        id bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        recipient text NOT NULL,
        state text NOT NULL DEFAULT 'PENDING'
          CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED', 'UNCONFIRMED')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        sent_at timestamptz,
        address text,
        message_id text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notification_id, recipient)
      )`);
    await queryRunner.query(
      `CREATE INDEX email_deliveries_due_idx ON email_deliveries (next_attempt_at, id) WHERE state = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX email_deliveries_sending_idx ON email_deliveries (claimed_at) WHERE state = 'SENDING'`,
    );
  },
  async down(queryRunner) {
    await dropTables(queryRunner, [
      'email_deliveries',
      'notification_preferences',
      'program_managers',
      'recipient_emails',
    ]);
  },
});
