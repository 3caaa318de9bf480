import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service keeps in its own database. Called from each
 * service's first migration, so that the schema is owned by migrations (never synchronize).
 */
export async function createMessagingTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      topic text NOT NULL,
      message_key text NOT NULL,
      event_type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await queryRunner.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
  await queryRunner.query(`
    CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('mentorflow_outbox', ''); RETURN NULL; END $$`);
  await queryRunner.query(
    `CREATE TRIGGER outbox_notify_after_insert AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
  );
  await queryRunner.query(`
    CREATE TABLE inbox (
      consumer text NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      topic text NOT NULL,
      kafka_partition int NOT NULL,
      kafka_offset text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropMessagingTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE IF EXISTS inbox`);
  await queryRunner.query(`DROP TRIGGER IF EXISTS outbox_notify_after_insert ON outbox`);
  await queryRunner.query(`DROP FUNCTION IF EXISTS outbox_notify()`);
  await queryRunner.query(`DROP TABLE IF EXISTS outbox`);
}

/**
 * The first migration of every service: the outbox and inbox tables, named
 * `MessagingTables<timestamp>` (the name TypeORM records it under).
 */
export function messagingTablesMigration(timestamp: number): new () => MigrationInterface {
  return class MessagingTables implements MigrationInterface {
    name = `MessagingTables${timestamp}`;
    async up(queryRunner: QueryRunner): Promise<void> {
      await createMessagingTables(queryRunner);
    }
    async down(queryRunner: QueryRunner): Promise<void> {
      await dropMessagingTables(queryRunner);
    }
  };
}
