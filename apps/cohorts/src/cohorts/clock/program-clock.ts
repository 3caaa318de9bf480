import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { Outbox } from '#messaging';
import { CLOCK, type Clock } from '../clock.js';
import { toIntegrationEvents } from '../commands/integration-events.js';
import type { CohortPhase } from '#calendar';
import { ClockEventKind, type DueClockEvent } from '../domain/program-clock.js';
import { CohortRepository } from '../persistence/cohort.repository.js';
import { EnrollmentRepository } from '../persistence/enrollment.repository.js';
import { COHORTS_LOGGER } from '../tokens.js';
import { clockMetrics } from './clock-metrics.js';

/** The Postgres advisory lock that lets one replica at a time fire clock events. */
export const CLOCK_LOCK_KEY = 7_002_001;
/** Cohorts one scheduler pass handles; the scheduler runs passes until one handles fewer. */
export const COHORTS_PER_PASS = 100;

export type FiredBy = 'SCHEDULER' | 'SANDBOX';

interface ClockEventRow {
  id: string;
  seq: number;
  kind: string;
  week: number;
  phase: string | null;
  previous_phase: string | null;
  due_at: Date;
}

/**
 * The cohorts' durable clock. Every scheduled cohort has a row per due event (clock_events);
 * firing one marks it fired, applies it to the cohort (status, week, phase; enrollments start
 * onboarding at the start) and appends its integration event to the outbox, all in ONE
 * transaction: a crash before the commit leaves it unfired (fired again later, once), a crash
 * after it leaves it fired and in the outbox (the relay publishes it). A cohort's events fire in
 * order under its row lock; a pass runs under a transaction-level advisory lock, so two replicas
 * never fire the same events. The scheduler and sandbox time travel share `fireCohort`.
 */
@Injectable()
export class ProgramClock {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cohorts: CohortRepository,
    private readonly enrollments: EnrollmentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COHORTS_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * One scheduler pass: fires every event due by now, cohort by cohort (a cohort whose events
   * fail is rolled back to its savepoint, logged, and retried on the next pass; the others go
   * on). Does nothing when another replica holds the lock. Returns what it handled.
   */
  async pass(): Promise<{ locked: boolean; cohorts: number; fired: number }> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = (await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [CLOCK_LOCK_KEY])) as {
        locked: boolean;
      }[];
      if (!locked) return { locked: false, cohorts: 0, fired: 0 };
      const due = (await tx.query(
        `SELECT cohort_id FROM clock_events WHERE fired_at IS NULL AND due_at <= $1
          GROUP BY cohort_id ORDER BY min(due_at), cohort_id LIMIT $2`,
        [now, COHORTS_PER_PASS],
      )) as { cohort_id: string }[];
      let fired = 0;
      for (const { cohort_id: cohortId } of due) {
        await tx.query(`SAVEPOINT clock_cohort`);
        try {
          fired += await this.fireCohort(tx, cohortId, now, 'SCHEDULER');
          await tx.query(`RELEASE SAVEPOINT clock_cohort`);
        } catch (err) {
          await tx.query(`ROLLBACK TO SAVEPOINT clock_cohort`);
          clockMetrics.failures.inc();
          this.logger.error(
            { err: (err as Error).message, cohortId },
            'clock events of a cohort could not be fired; retrying on the next pass',
          );
        }
      }
      return { locked: true, cohorts: due.length, fired };
    });
  }

  /**
   * Fires, in order, every unfired event of one cohort due by `until`, inside the caller's
   * transaction (which must hold CLOCK_LOCK_KEY). Returns how many fired.
   */
  async fireCohort(tx: EntityManager, cohortId: string, until: Date, firedBy: FiredBy): Promise<number> {
    const cohort = await this.cohorts.findById(tx, cohortId, { forUpdate: true });
    if (!cohort) return 0;
    const rows = (await tx.query(
      `SELECT id, seq, kind, week, phase, previous_phase, due_at FROM clock_events
        WHERE cohort_id = $1 AND fired_at IS NULL AND due_at <= $2 ORDER BY seq FOR UPDATE`,
      [cohortId, until],
    )) as ClockEventRow[];
    if (rows.length === 0) return 0;
    const now = this.clock.now();
    for (const row of rows) {
      const event = toDueEvent(row);
      cohort.applyClockEvent(event);
      if (event.kind === ClockEventKind.COHORT_STARTED) await this.enrollments.startOnboarding(tx, cohortId);
    }
    await this.cohorts.update(tx, cohort, now);
    await tx.query(`UPDATE clock_events SET fired_at = $2, fired_by = $3 WHERE id = ANY($1::bigint[])`, [
      rows.map((r) => r.id),
      now,
      firedBy,
    ]);
    await this.outbox.append(tx, toIntegrationEvents(cohort.pullDomainEvents()));
    for (const row of rows) clockMetrics.fired.inc({ kind: row.kind, by: firedBy });
    this.logger.info(
      { cohortId, firedBy, events: rows.length, week: cohort.currentWeek, status: cohort.status },
      'program clock events fired',
    );
    return rows.length;
  }
}

function toDueEvent(row: ClockEventRow): DueClockEvent {
  return {
    seq: row.seq,
    kind: row.kind as ClockEventKind,
    week: row.week,
    phase: row.phase as CohortPhase | null,
    previousPhase: row.previous_phase as CohortPhase | null,
    dueAt: new Date(row.due_at),
  };
}
