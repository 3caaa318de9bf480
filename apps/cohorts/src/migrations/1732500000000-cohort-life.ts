import { randomUUID } from 'node:crypto';
import { defineMigration, dropTables } from '#platform';
import { DEFAULT_ONBOARDING_CHECKLIST } from '../onboarding/domain/onboarding.js';
import { dueClockEvents } from '../program-clock/domain/program-clock.js';

/**
 * The cohort's whole life (issue 3): the durable program clock, onboarding checklists,
 * extensions and the ends of enrollments, tech talks with RSVPs and attendance, final
 * presentation slots, and the projection of registered mentors (panels).
 */
export const CohortLife1732500000000 = defineMigration('CohortLife1732500000000', {
  async up(queryRunner) {
    await queryRunner.query(`
      ALTER TABLE cohorts
        ADD COLUMN current_week int NOT NULL DEFAULT 0 CHECK (current_week >= 0),
        ADD COLUMN current_phase text
          CHECK (current_phase IN ('ONBOARDING', 'SCOPING', 'BUILD', 'MIDPOINT', 'FINAL_PRESENTATIONS', 'COMPLETED')),
        ADD COLUMN clock_at timestamptz`);
    await queryRunner.query(`
      ALTER TABLE enrollments
        ADD COLUMN extension_weeks int NOT NULL DEFAULT 0 CHECK (extension_weeks BETWEEN 0 AND 5),
        ADD COLUMN onboarding_completed_at timestamptz,
        ADD COLUMN ended_at timestamptz,
        ADD COLUMN end_reason text,
        ADD COLUMN outcome text CHECK (outcome IN ('PASS', 'FAIL'))`);

    // The durable clock: every event a cohort's calendar will publish, due at local midnight.
    await queryRunner.query(`
      CREATE TABLE clock_events (
        id bigserial PRIMARY KEY,
        cohort_id uuid NOT NULL REFERENCES cohorts (id),
        seq int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('COHORT_STARTED', 'WEEK_STARTED', 'PHASE_CHANGED', 'COHORT_COMPLETED')),
        week int NOT NULL CHECK (week >= 1),
        phase text,
        previous_phase text,
        due_at timestamptz NOT NULL,
        fired_at timestamptz,
        fired_by text CHECK (fired_by IN ('SCHEDULER', 'SANDBOX')),
        UNIQUE (cohort_id, seq)
      )`);
    // What the scheduler looks for: unfired events by due time.
    await queryRunner.query(
      `CREATE INDEX clock_events_due_idx ON clock_events (due_at, cohort_id, seq) WHERE fired_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE onboarding_tasks (
        id uuid PRIMARY KEY,
        cohort_id uuid NOT NULL REFERENCES cohorts (id),
        position int NOT NULL CHECK (position >= 1),
        title text NOT NULL,
        description text,
        UNIQUE (cohort_id, position)
      )`);
    await queryRunner.query(`
      CREATE TABLE onboarding_completions (
        enrollment_id uuid NOT NULL REFERENCES enrollments (id),
        task_id uuid NOT NULL REFERENCES onboarding_tasks (id),
        completed_at timestamptz NOT NULL,
        PRIMARY KEY (enrollment_id, task_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE enrollment_extensions (
        id uuid PRIMARY KEY,
        enrollment_id uuid NOT NULL REFERENCES enrollments (id),
        weeks int NOT NULL CHECK (weeks BETWEEN 1 AND 5),
        after_week int NOT NULL CHECK (after_week >= 1),
        reason text NOT NULL,
        source text NOT NULL CHECK (source IN ('PROGRAM_MANAGER', 'MIDPOINT_DECISION')),
        source_ref text UNIQUE,
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX enrollment_extensions_enrollment_idx ON enrollment_extensions (enrollment_id, granted_at, id)`,
    );

    await queryRunner.query(`
      CREATE TABLE tech_talks (
        id uuid PRIMARY KEY,
        cohort_id uuid NOT NULL REFERENCES cohorts (id),
        title text NOT NULL,
        speaker text NOT NULL,
        abstract text,
        starts_at timestamptz NOT NULL,
        duration_minutes int NOT NULL CHECK (duration_minutes > 0),
        join_url text,
        scheduled_by text NOT NULL,
        scheduled_at timestamptz NOT NULL,
        rsvp_count int NOT NULL DEFAULT 0 CHECK (rsvp_count >= 0),
        attendance_count int NOT NULL DEFAULT 0 CHECK (attendance_count >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX tech_talks_cohort_idx ON tech_talks (cohort_id, starts_at, id)`);
    await queryRunner.query(`
      CREATE TABLE tech_talk_rsvps (
        talk_id uuid NOT NULL REFERENCES tech_talks (id),
        intern_id text NOT NULL,
        rsvped_at timestamptz NOT NULL,
        PRIMARY KEY (talk_id, intern_id)
      )`);
    await queryRunner.query(`CREATE INDEX tech_talk_rsvps_intern_idx ON tech_talk_rsvps (intern_id)`);
    await queryRunner.query(`
      CREATE TABLE tech_talk_attendance (
        talk_id uuid NOT NULL REFERENCES tech_talks (id),
        intern_id text NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        PRIMARY KEY (talk_id, intern_id)
      )`);
    await queryRunner.query(`CREATE INDEX tech_talk_attendance_intern_idx ON tech_talk_attendance (intern_id)`);

    await queryRunner.query(`
      CREATE TABLE presentation_slots (
        id uuid PRIMARY KEY,
        cohort_id uuid NOT NULL REFERENCES cohorts (id),
        starts_at timestamptz NOT NULL,
        duration_minutes int NOT NULL CHECK (duration_minutes > 0),
        panel_mentor_ids text[] NOT NULL CHECK (cardinality(panel_mentor_ids) >= 1),
        booked_by text,
        booked_at timestamptz,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL,
        CONSTRAINT presentation_slots_booking_complete CHECK ((booked_by IS NULL) = (booked_at IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX presentation_slots_cohort_idx ON presentation_slots (cohort_id, starts_at, id)`,
    );
    // One booking per intern per cohort, whatever the race.
    await queryRunner.query(
      `CREATE UNIQUE INDEX presentation_slots_one_booking_per_intern ON presentation_slots (cohort_id, booked_by)
        WHERE booked_by IS NOT NULL`,
    );

    // Local projection of the mentors context: who may sit on a panel.
    await queryRunner.query(`
      CREATE TABLE registered_mentors (
        mentor_id text PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        team text NOT NULL,
        timezone text NOT NULL,
        registered_at timestamptz NOT NULL,
        projected_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Cohorts scheduled before this migration get their clock and the default checklist.
    const existing = (await queryRunner.query(
      `SELECT id, to_char(start_date, 'YYYY-MM-DD') AS start_date, weeks, timezone FROM cohorts WHERE status <> 'CANCELLED'`,
    )) as { id: string; start_date: string; weeks: number; timezone: string }[];
    for (const cohort of existing) {
      for (const e of dueClockEvents(cohort.start_date, cohort.weeks, cohort.timezone)) {
        await queryRunner.query(
          `INSERT INTO clock_events (cohort_id, seq, kind, week, phase, previous_phase, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [cohort.id, e.seq, e.kind, e.week, e.phase, e.previousPhase, e.dueAt],
        );
      }
      for (const [i, task] of DEFAULT_ONBOARDING_CHECKLIST.entries()) {
        await queryRunner.query(
          `INSERT INTO onboarding_tasks (id, cohort_id, position, title, description) VALUES ($1, $2, $3, $4, $5)`,
          [randomUUID(), cohort.id, i + 1, task.title, task.description],
        );
      }
    }
  },

  async down(queryRunner) {
    await dropTables(queryRunner, [
      'registered_mentors',
      'presentation_slots',
      'tech_talk_attendance',
      'tech_talk_rsvps',
      'tech_talks',
      'enrollment_extensions',
      'onboarding_completions',
      'onboarding_tasks',
      'clock_events',
    ]);
    await queryRunner.query(`
      ALTER TABLE enrollments DROP COLUMN extension_weeks, DROP COLUMN onboarding_completed_at,
        DROP COLUMN ended_at, DROP COLUMN end_reason, DROP COLUMN outcome`);
    await queryRunner.query(
      `ALTER TABLE cohorts DROP COLUMN current_week, DROP COLUMN current_phase, DROP COLUMN clock_at`,
    );
  },
});
