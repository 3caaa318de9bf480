import type { EntityManager } from 'typeorm';
import type { CohortSnapshot } from '../domain/cohort.js';
import { ClockEventKind, extendedWeekEvents } from '../domain/program-clock.js';

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
