import { defineMigration } from '#platform';

/**
 * Calendar feeds (`createCalendarFeed`): per person, read-only, revocable. Only the SHA-256 of a
 * feed's token is kept, looked up through a unique index; the owner's feeds are listed newest first.
 */
export const CalendarFeeds1732800000000 = defineMigration('CalendarFeeds1732800000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      CREATE TABLE calendar_feeds (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        owner_sub text NOT NULL,
        owner_roles text[] NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX calendar_feeds_token_hash_idx ON calendar_feeds (token_hash)`);
    await queryRunner.query(
      `CREATE INDEX calendar_feeds_owner_idx ON calendar_feeds (owner_sub, created_at DESC, id DESC)`,
    );
  },

  async down(queryRunner) {
    await queryRunner.query(`DROP TABLE IF EXISTS calendar_feeds`);
  },
});
