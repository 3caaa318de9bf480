import type { EntityManager } from 'typeorm';
import type { CohortPhase } from '#calendar';
import type { CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { ClockEventKind, extendedWeekEvents, type DueClockEvent } from '../domain/program-clock.js';

/**
 * The SQL of the cohorts' durable clock (table clock_events): what ProgramClock and sandbox time
 * travel read and write, always in the caller's transaction.
 */

/** The Postgres advisory lock that lets one replica at a time fire clock events. */
export const CLOCK_LOCK_KEY = 7_002_001;

export type FiredBy = 'SCHEDULER' | 'SANDBOX';

/** An unfired clock event as it is stored. */
export interface StoredClockEvent extends DueClockEvent {
  id: string;
}

interface ClockEventRow {
  id: string;
  seq: number;
  kind: string;
  week: number;
  phase: string | null;
  previous_phase: string | null;
  due_at: Date;
}

/** Takes the clock's lock for the transaction, waiting for a running scheduler pass. */
export async function lockClock(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1)`, [CLOCK_LOCK_KEY]);
}

/** Takes the clock's lock for the transaction unless another replica holds it. */
export async function tryLockClock(tx: EntityManager): Promise<boolean> {
  const [row] = (await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [CLOCK_LOCK_KEY])) as {
    locked: boolean;
  }[];
  return row!.locked;
}

/** The cohorts with events due by `now`, the longest waiting first. */
export async function cohortsDue(tx: EntityManager, now: Date, limit: number): Promise<string[]> {
  const rows = (await tx.query(
    `SELECT cohort_id FROM clock_events WHERE fired_at IS NULL AND due_at <= $1
      GROUP BY cohort_id ORDER BY min(due_at), cohort_id LIMIT $2`,
    [now, limit],
  )) as { cohort_id: string }[];
  return rows.map((r) => r.cohort_id);
}

/** Runs `work` under a savepoint: when it throws, only its writes are rolled back (and the error rethrown). */
export async function withSavepoint<T>(tx: EntityManager, work: () => Promise<T>): Promise<T> {
  await tx.query(`SAVEPOINT clock_cohort`);
  try {
    const result = await work();
    await tx.query(`RELEASE SAVEPOINT clock_cohort`);
    return result;
  } catch (err) {
    await tx.query(`ROLLBACK TO SAVEPOINT clock_cohort`);
    throw err;
  }
}

/** The cohort's unfired events due by `until`, in order, locked. */
export async function unfiredEventsDue(tx: EntityManager, cohortId: string, until: Date): Promise<StoredClockEvent[]> {
  const rows = (await tx.query(
    `SELECT id, seq, kind, week, phase, previous_phase, due_at FROM clock_events
      WHERE cohort_id = $1 AND fired_at IS NULL AND due_at <= $2 ORDER BY seq FOR UPDATE`,
    [cohortId, until],
  )) as ClockEventRow[];
  return rows.map((row) => ({
    id: row.id,
    seq: row.seq,
    kind: row.kind as ClockEventKind,
    week: row.week,
    phase: row.phase as CohortPhase | null,
    previousPhase: row.previous_phase as CohortPhase | null,
    dueAt: new Date(row.due_at),
  }));
}

export async function markFired(tx: EntityManager, ids: readonly string[], now: Date, firedBy: FiredBy): Promise<void> {
  await tx.query(`UPDATE clock_events SET fired_at = $2, fired_by = $3 WHERE id = ANY($1::bigint[])`, [
    ids,
    now,
    firedBy,
  ]);
}

/**
 * Makes the cohort's clock run on for an intern extended by `extensionWeeks` in total: adds the
 * weeks after the cohort's own end that are not on the clock yet, after its other events (so
 * CohortCompleted fires first). Runs in the extension's transaction, so both commit together.
 */
export async function scheduleExtendedWeeks(
  tx: EntityManager,
  cohort: CohortSnapshot,
  extensionWeeks: number,
): Promise<number> {
  const wanted = extendedWeekEvents(cohort.startDate, cohort.weeks, cohort.timezone, extensionWeeks);
  if (wanted.length === 0) return 0;
  // The cohort row is locked by the caller's extension; this keeps seq numbers unique.
  const rows = (await tx.query(
    `SELECT coalesce(max(seq), 0)::int AS seq,
            coalesce(array_agg(week) FILTER (WHERE kind = $2), '{}') AS weeks
       FROM clock_events WHERE cohort_id = $1`,
    [cohort.id, ClockEventKind.EXTENDED_WEEK_STARTED],
  )) as { seq: number; weeks: number[] }[];
  let seq = rows[0]!.seq;
  const have = new Set(rows[0]!.weeks.map(Number));
  let added = 0;
  for (const { week, dueAt } of wanted) {
    if (have.has(week)) continue;
    await tx.query(
      `INSERT INTO clock_events (cohort_id, seq, kind, week, phase, previous_phase, due_at) VALUES ($1, $2, $3, $4, NULL, NULL, $5)`,
      [cohort.id, ++seq, ClockEventKind.EXTENDED_WEEK_STARTED, week, dueAt],
    );
    added++;
  }
  return added;
}

/** The last week the cohort's clock will open: weeks + 1, or later for extended interns. */
export async function lastClockWeek(tx: EntityManager, cohort: CohortSnapshot): Promise<number> {
  const rows = (await tx.query(`SELECT coalesce(max(week), 0)::int AS week FROM clock_events WHERE cohort_id = $1`, [
    cohort.id,
  ])) as { week: number }[];
  return Math.max(cohort.weeks + 1, rows[0]!.week);
}

/**
 * Puts the retention policy's entry on a completed cohort's clock, due at `dueAt` (once per
 * cohort: the unique index clock_events_retention_idx); an entry that has not fired moves to
 * `dueAt` (the retention period was changed). Returns whether anything was written.
 */
export async function scheduleRetention(
  tx: EntityManager,
  cohort: Pick<CohortSnapshot, 'id' | 'weeks'>,
  dueAt: Date,
): Promise<boolean> {
  const moved = (await tx.query(
    `UPDATE clock_events SET due_at = $3 WHERE cohort_id = $1 AND kind = $2 AND fired_at IS NULL AND due_at <> $3 RETURNING id`,
    [cohort.id, ClockEventKind.PERSONAL_DATA_RETENTION, dueAt],
  )) as [unknown[], number];
  if (moved[1] > 0) return true;
  const inserted = (await tx.query(
    `INSERT INTO clock_events (cohort_id, seq, kind, week, phase, previous_phase, due_at)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, NULL, NULL, $4 FROM clock_events WHERE cohort_id = $1
     ON CONFLICT (cohort_id) WHERE kind = 'PERSONAL_DATA_RETENTION' DO NOTHING RETURNING id`,
    [cohort.id, ClockEventKind.PERSONAL_DATA_RETENTION, cohort.weeks + 1, dueAt],
  )) as unknown[];
  return inserted.length > 0;
}

/** The completed cohorts whose retention entry has not fired (or is missing). */
export async function completedCohortsAwaitingRetention(
  tx: EntityManager,
): Promise<Pick<CohortSnapshot, 'id' | 'startDate' | 'weeks' | 'timezone'>[]> {
  const rows = (await tx.query(
    `SELECT c.id, to_char(c.start_date, 'YYYY-MM-DD') AS start_date, c.weeks, c.timezone
       FROM cohorts c
      WHERE c.status = 'COMPLETED'
        AND NOT EXISTS (SELECT 1 FROM clock_events r
                         WHERE r.cohort_id = c.id AND r.kind = $1 AND r.fired_at IS NOT NULL)
      ORDER BY c.id`,
    [ClockEventKind.PERSONAL_DATA_RETENTION],
  )) as { id: string; start_date: string; weeks: number; timezone: string }[];
  return rows.map((r) => ({ id: r.id, startDate: r.start_date, weeks: Number(r.weeks), timezone: r.timezone }));
}
