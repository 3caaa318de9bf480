import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CohortScheduledV1,
  CohortUpdatedV1,
  EventData,
  InternshipExtendedV1,
  InternshipExtensionRevokedV1,
} from '#contracts';
import type { InternStatus } from './intern.orm-entity.js';

/** The writes of scoping's projections of the cohorts context (ProgramProjection), one per event. */
@Injectable()
export class ProgramProjectionRepository {
  async cohortScheduled(tx: EntityManager, d: EventData<typeof CohortScheduledV1>, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO cohorts (cohort_id, name, start_date, weeks, timezone, scheduled_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (cohort_id) DO UPDATE
         SET name = EXCLUDED.name, start_date = EXCLUDED.start_date, weeks = EXCLUDED.weeks,
             timezone = EXCLUDED.timezone, scheduled_at = EXCLUDED.scheduled_at`,
      [d.cohortId, d.name, d.startDate, d.weeks, d.timezone, at],
    );
  }

  /**
   * The cohort as it now stands (updateCohort): its name and calendar replace scoping's copy, so
   * scope and milestone deadlines (computed from start date, weeks and timezone when read) follow.
   * A cohort scoping never saw scheduled is recorded from it.
   */
  async cohortUpdated(tx: EntityManager, d: EventData<typeof CohortUpdatedV1>, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO cohorts (cohort_id, name, start_date, weeks, timezone, scheduled_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (cohort_id) DO UPDATE
         SET name = EXCLUDED.name, start_date = EXCLUDED.start_date, weeks = EXCLUDED.weeks,
             timezone = EXCLUDED.timezone`,
      [d.cohortId, d.name, d.startDate, d.weeks, d.timezone, at],
    );
  }

  /** Moves the cohort's clock to `week` (never back). */
  async clockReached(tx: EntityManager, cohortId: string, week: number): Promise<void> {
    await tx.query(`UPDATE cohorts SET current_week = GREATEST(current_week, $2) WHERE cohort_id = $1`, [
      cohortId,
      week,
    ]);
  }

  /** Keyed by the running total: a repeated extension is recorded once. */
  async extensionGranted(tx: EntityManager, d: EventData<typeof InternshipExtendedV1>, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO intern_extensions (cohort_id, intern_id, total_weeks, weeks, after_week, granted_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [d.cohortId, d.internId, d.totalExtensionWeeks, d.weeks, d.extendedAfterWeek ?? null, at],
    );
  }

  /**
   * A revoked extension (InternshipExtensionRevoked): the intern's extensions become the event's
   * list, in order, each keyed by its running total as InternshipExtended records it. Rows that stay
   * the same keep their grant time; the revoked one leaves no trace, so due dates move back.
   */
  async extensionsReplaced(
    tx: EntityManager,
    d: EventData<typeof InternshipExtensionRevokedV1>,
    at: Date,
  ): Promise<void> {
    const kept = (await tx.query(
      `DELETE FROM intern_extensions WHERE cohort_id = $1 AND intern_id = $2
       RETURNING total_weeks, weeks, after_week, granted_at`,
      [d.cohortId, d.internId],
    )) as [{ total_weeks: number; weeks: number; after_week: number | null; granted_at: Date }[], number];
    const before = kept[0];
    let total = 0;
    for (const e of d.extensions) {
      total += e.weeks;
      const same = before.find((r) => r.total_weeks === total && r.weeks === e.weeks && r.after_week === e.afterWeek);
      await tx.query(
        `INSERT INTO intern_extensions (cohort_id, intern_id, total_weeks, weeks, after_week, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [d.cohortId, d.internId, total, e.weeks, e.afterWeek, same?.granted_at ?? at],
      );
    }
  }

  /** A withdrawn intern is active again (InternReinstated); a terminated one stays terminated. */
  async internReinstated(tx: EntityManager, d: { internId: string; cohortId: string }): Promise<void> {
    await tx.query(
      `UPDATE interns SET status = 'ENROLLED', ended_at = NULL
       WHERE intern_id = $1 AND cohort_id = $2 AND status = 'WITHDRAWN'`,
      [d.internId, d.cohortId],
    );
  }

  /** The intern left the program (the first end is kept). */
  async internLeft(
    tx: EntityManager,
    d: { internId: string; cohortId: string },
    status: Extract<InternStatus, 'WITHDRAWN' | 'TERMINATED'>,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE interns SET status = $3, ended_at = COALESCE(ended_at, $4) WHERE intern_id = $1 AND cohort_id = $2`,
      [d.internId, d.cohortId, status, at],
    );
  }
}
