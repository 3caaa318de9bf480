import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTables } from '#platform';

/**
 * The gateway's own data: projections it needs to address notifications (who mentors whom,
 * interns by cohort with their names), the notifications (one row per recipient: a user, or the
 * `role:PROGRAM_MANAGER` audience every program manager reads), who read which, and the
 * idempotency keys of mutations.
 */
export class NotificationsIdempotency1733200000001 implements MigrationInterface {
  name = 'NotificationsIdempotency1733200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE intern_mentors (
        intern_id text NOT NULL,
        mentor_id text NOT NULL,
        cohort_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('PRIMARY', 'CO_MENTOR')),
        assignment_id text NOT NULL,
        assigned_at timestamptz NOT NULL,
        PRIMARY KEY (intern_id, mentor_id)
      )`);
    await queryRunner.query(`CREATE INDEX intern_mentors_assignment_idx ON intern_mentors (assignment_id)`);
    await queryRunner.query(`CREATE INDEX intern_mentors_cohort_idx ON intern_mentors (cohort_id)`);

    await queryRunner.query(`
      CREATE TABLE interns (
        intern_id text NOT NULL,
        cohort_id text NOT NULL,
        name text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        PRIMARY KEY (intern_id, cohort_id)
      )`);
    await queryRunner.query(`CREATE INDEX interns_cohort_idx ON interns (cohort_id) WHERE active`);

    await queryRunner.query(`
      CREATE TABLE notifications (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        audience text NOT NULL,
        type text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        cohort_id text,
        intern_id text,
        subject_id text,
        event_id text NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, audience, type)
      )`);
    await queryRunner.query(`CREATE INDEX notifications_feed_idx ON notifications (audience, seq DESC)`);

    await queryRunner.query(`
      CREATE TABLE notification_reads (
        user_id text NOT NULL,
        notification_seq bigint NOT NULL REFERENCES notifications (seq) ON DELETE CASCADE,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, notification_seq)
      )`);

    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        user_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
        response_status int,
        response_content_type text,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        claimed_until timestamptz NOT NULL,
        PRIMARY KEY (user_id, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, [
      'idempotency_keys',
      'notification_reads',
      'notifications',
      'interns',
      'intern_mentors',
    ]);
  }
}
