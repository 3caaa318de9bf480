import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '#ddd';
import { CohortsUnitOfWork } from '../shared/commands/unit-of-work.js';
import { ClockEventKind } from './domain/program-clock.js';
import {
  cohortsDue,
  completedCohortsAwaitingRetention,
  lockClock,
  markFired,
  scheduleRetention,
  tryLockClock,
  unfiredEventsDue,
  withSavepoint,
  type FiredBy,
} from './persistence/clock-events.js';
import { CohortRepository } from '../cohorts/persistence/cohort.repository.js';
import { EnrollmentRepository } from '../enrollments/persistence/enrollment.repository.js';
import { COHORTS_CONFIG, COHORTS_LOGGER } from '../shared/tokens.js';
import { clockMetrics } from './clock-metrics.js';
import type { CohortsConfig } from '../config.js';
import { InternEraser } from '../personal-data/commands/intern-eraser.js';
import { retentionDueAt, retentionReason, RETENTION_POLICY_ACTOR } from '../personal-data/domain/intern-erasure.js';

export { CLOCK_LOCK_KEY, type FiredBy } from './persistence/clock-events.js';
/** Cohorts one scheduler pass handles; the scheduler runs passes until one handles fewer. */
export const COHORTS_PER_PASS = 100;

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
    private readonly uow: CohortsUnitOfWork,
    private readonly cohorts: CohortRepository,
    private readonly enrollments: EnrollmentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COHORTS_LOGGER) private readonly logger: Logger,
    @Inject(COHORTS_CONFIG) private readonly config: Pick<CohortsConfig, 'PERSONAL_DATA_RETENTION_MONTHS'>,
    private readonly eraser: InternEraser,
  ) {}

  private get retentionMonths(): number {
    return this.config.PERSONAL_DATA_RETENTION_MONTHS;
  }

  /**
   * One scheduler pass: fires every event due by now, cohort by cohort (a cohort whose events
   * fail is rolled back to its savepoint, logged, and retried on the next pass; the others go
   * on). Does nothing when another replica holds the lock. Returns what it handled.
   */
  async pass(): Promise<{ locked: boolean; cohorts: number; fired: number }> {
    const now = this.clock.now();
    return this.uow.run(async ({ tx }) => {
      if (!(await tryLockClock(tx))) return { locked: false, cohorts: 0, fired: 0 };
      const due = await cohortsDue(tx, now, COHORTS_PER_PASS);
      let fired = 0;
      for (const cohortId of due) {
        try {
          fired += await withSavepoint(tx, () => this.fireCohort(tx, cohortId, now, 'SCHEDULER'));
        } catch (err) {
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
  fireCohort(tx: EntityManager, cohortId: string, until: Date, firedBy: FiredBy): Promise<number> {
    return this.uow.join(tx, async ({ track }) => {
      const cohort = track(await this.cohorts.findById(tx, cohortId, { forUpdate: true }));
      if (!cohort) return 0;
      const due = await unfiredEventsDue(tx, cohortId, until);
      if (due.length === 0) return 0;
      const now = this.clock.now();
      let retention = false;
      for (const event of due) {
        // The retention policy's entry changes nothing of the cohort: it erases after the rest.
        if (event.kind === ClockEventKind.PERSONAL_DATA_RETENTION) {
          retention = true;
          continue;
        }
        cohort.applyClockEvent(event);
        if (event.kind === ClockEventKind.COHORT_STARTED) await this.enrollments.startOnboarding(tx, cohortId);
        if (event.kind === ClockEventKind.COHORT_COMPLETED) {
          const s = cohort.toSnapshot();
          await scheduleRetention(tx, s, retentionDueAt(s, this.retentionMonths));
        }
      }
      await this.cohorts.update(tx, cohort, now);
      if (retention) {
        const erased = await this.eraser.eraseCohortInterns(tx, cohortId, {
          months: this.retentionMonths,
          reason: retentionReason(this.retentionMonths),
          erasedBy: RETENTION_POLICY_ACTOR,
          now,
        });
        this.logger.info({ cohortId, interns: erased.length }, 'retention policy: personal data of interns erased');
      }
      await markFired(
        tx,
        due.map((e) => e.id),
        now,
        firedBy,
      );
      for (const event of due) clockMetrics.fired.inc({ kind: event.kind, by: firedBy });
      this.logger.info(
        { cohortId, firedBy, events: due.length, week: cohort.currentWeek, status: cohort.status },
        'program clock events fired',
      );
      return due.length;
    });
  }

  /**
   * Puts the retention policy on the clock of every completed cohort whose entry has not fired:
   * adds the entries missing (cohorts completed before the policy existed) and moves the unfired
   * ones to PERSONAL_DATA_RETENTION_MONTHS as configured now. Run at start-up, idempotent.
   */
  async scheduleRetentionOfCompletedCohorts(): Promise<number> {
    return this.uow.run(async ({ tx }) => {
      await lockClock(tx);
      let changed = 0;
      for (const cohort of await completedCohortsAwaitingRetention(tx)) {
        if (await scheduleRetention(tx, cohort, retentionDueAt(cohort, this.retentionMonths))) changed++;
      }
      if (changed > 0) {
        this.logger.info(
          { cohorts: changed, months: this.retentionMonths },
          'retention policy scheduled for completed cohorts',
        );
      }
      return changed;
    });
  }
}
