import { defineMigration } from '#platform';

/**
 * Talks moved or cancelled, slots closed (SPEC §7): a talk's status and calendar sequence (the
 * `.ics` SEQUENCE, raised by every change) and its cancellation; a slot's closing. Existing talks
 * are SCHEDULED at sequence 0, existing slots open.
 */
export const TalksAndSlotsOffPath1732950000000 = defineMigration('TalksAndSlotsOffPath1732950000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      ALTER TABLE tech_talks
        ADD COLUMN status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'CANCELLED')),
        ADD COLUMN sequence int NOT NULL DEFAULT 0 CHECK (sequence >= 0),
        ADD COLUMN cancellation_reason text,
        ADD COLUMN cancelled_by text,
        ADD COLUMN cancelled_at timestamptz,
        ADD CONSTRAINT tech_talks_cancellation_complete
          CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL))`);
    await queryRunner.query(`
      ALTER TABLE presentation_slots
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closed_by text,
        ADD COLUMN close_reason text,
        ADD CONSTRAINT presentation_slots_closed_unbooked CHECK (closed_at IS NULL OR booked_by IS NULL)`);
  },

  async down(queryRunner) {
    await queryRunner.query(`
      ALTER TABLE presentation_slots
        DROP CONSTRAINT IF EXISTS presentation_slots_closed_unbooked,
        DROP COLUMN IF EXISTS close_reason,
        DROP COLUMN IF EXISTS closed_by,
        DROP COLUMN IF EXISTS closed_at`);
    await queryRunner.query(`
      ALTER TABLE tech_talks
        DROP CONSTRAINT IF EXISTS tech_talks_cancellation_complete,
        DROP COLUMN IF EXISTS cancelled_at,
        DROP COLUMN IF EXISTS cancelled_by,
        DROP COLUMN IF EXISTS cancellation_reason,
        DROP COLUMN IF EXISTS sequence,
        DROP COLUMN IF EXISTS status`);
  },
});
