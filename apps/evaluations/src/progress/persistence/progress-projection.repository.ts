import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ANY_COHORT, COHORT_WIDE, type Fact, type FactKind } from '../domain/facts.js';
import type { InternProgress, RiskLevel } from '../domain/intern-progress.js';
import type { RecordedRiskWeek } from '../domain/risk-weeks.js';

/**
 * Taken shared by every live progress transaction and exclusively by a rebuild's swap, so that the
 * swap copies a rebuilt model while no live event is half applied (see ProgressRebuild.swap).
 */
export const PROGRESS_SWAP_LOCK = 7_006_006;

interface FactRow {
  intern_id: string;
  kind: string;
  fact_key: string;
  event_id: string;
  occurred_at: Date;
  data: Record<string, unknown>;
}

/**
 * The writes of the progress read model (ProgressProjector), live and in a rebuild: unqualified
 * table names, so the transaction's search_path picks the schema (see progress-tables.ts).
 */
@Injectable()
export class ProgressProjectionRepository {
  /** Waits for a rebuild's swap to finish, and keeps it waiting until this transaction ends. */
  async holdSwapLock(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock_shared($1)`, [PROGRESS_SWAP_LOCK]);
  }

  /**
   * Transaction advisory locks on names, each exclusive or shared with the other shared holders,
   * taken in the order given, in one statement (its target list is evaluated left to right).
   */
  async lock(tx: EntityManager, ...locks: readonly [name: string, mode: 'exclusive' | 'shared'][]): Promise<void> {
    if (locks.length === 0) return;
    const calls = locks.map(([, mode], i) =>
      mode === 'exclusive'
        ? `pg_advisory_xact_lock(hashtextextended($${i + 1}, 0))`
        : `pg_advisory_xact_lock_shared(hashtextextended($${i + 1}, 0))`,
    );
    await tx.query(
      `SELECT ${calls.join(', ')}`,
      locks.map(([name]) => name),
    );
  }

  /** Records a fact: a later (occurred_at, event_id) wins over an earlier one for the same fact. */
  async recordFact(tx: EntityManager, fact: Fact): Promise<void> {
    await tx.query(
      `INSERT INTO progress_facts (cohort_id, intern_id, kind, fact_key, event_id, occurred_at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (cohort_id, intern_id, kind, fact_key) DO UPDATE
          SET event_id = EXCLUDED.event_id, occurred_at = EXCLUDED.occurred_at, data = EXCLUDED.data
        WHERE (EXCLUDED.occurred_at, EXCLUDED.event_id) > (progress_facts.occurred_at, progress_facts.event_id)`,
      [fact.cohortId, fact.internId, fact.kind, fact.key, fact.eventId, fact.occurredAt, JSON.stringify(fact.data)],
    );
  }

  /** The facts of every intern of the cohort, or of one intern, with the cohort-wide ones. */
  async factsOf(tx: EntityManager, cohortId: string, internId: string | undefined): Promise<Fact[]> {
    const rows = (
      internId === undefined
        ? await tx.query(
            `SELECT intern_id, kind, fact_key, event_id, occurred_at, data FROM progress_facts WHERE cohort_id = $1`,
            [cohortId],
          )
        : await tx.query(
            `SELECT intern_id, kind, fact_key, event_id, occurred_at, data FROM progress_facts
              WHERE cohort_id = $1 AND intern_id IN ($2, $3)`,
            [cohortId, COHORT_WIDE, internId],
          )
    ) as FactRow[];
    return rows.map((r) => ({
      cohortId,
      internId: r.intern_id,
      kind: r.kind as FactKind,
      key: r.fact_key,
      eventId: r.event_id,
      occurredAt: new Date(r.occurred_at).toISOString(),
      data: r.data,
    }));
  }

  /** Every fact of the intern, in every cohort (their erasure's), the cohort-wide ones left out. */
  async factsOfIntern(tx: EntityManager, internId: string): Promise<Fact[]> {
    const rows = (await tx.query(
      `SELECT cohort_id, intern_id, kind, fact_key, event_id, occurred_at, data FROM progress_facts
        WHERE intern_id = $1 ORDER BY cohort_id, kind, fact_key`,
      [internId],
    )) as (FactRow & { cohort_id: string })[];
    return rows.map((r) => ({
      cohortId: r.cohort_id,
      internId: r.intern_id,
      kind: r.kind as FactKind,
      key: r.fact_key,
      eventId: r.event_id,
      occurredAt: new Date(r.occurred_at).toISOString(),
      data: r.data,
    }));
  }

  /** The cohorts the intern has facts in (ANY_COHORT, of their erasure, left out). */
  async cohortsOf(tx: EntityManager, internId: string): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT DISTINCT cohort_id FROM progress_facts WHERE intern_id = $1 AND cohort_id <> $2 ORDER BY cohort_id`,
      [internId, ANY_COHORT],
    )) as { cohort_id: string }[];
    return rows.map((r) => r.cohort_id);
  }

  /** Whether the intern's personal data was erased (their ERASED fact). */
  async isErased(tx: EntityManager, internId: string): Promise<boolean> {
    const rows = (await tx.query(
      `SELECT 1 FROM progress_facts WHERE cohort_id = $1 AND intern_id = $2 AND kind = 'ERASED'`,
      [ANY_COHORT, internId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** A recorded fact's data replaced (an erasure): its event, and so which event wins, stay. */
  async replaceFactData(tx: EntityManager, fact: Fact): Promise<void> {
    await tx.query(
      `UPDATE progress_facts SET data = $5 WHERE cohort_id = $1 AND intern_id = $2 AND kind = $3 AND fact_key = $4`,
      [fact.cohortId, fact.internId, fact.kind, fact.key, JSON.stringify(fact.data)],
    );
  }

  /** The risk level each of the interns has now (interns without a row are left out). */
  async levelsOf(tx: EntityManager, cohortId: string, internIds: readonly string[]): Promise<Map<string, RiskLevel>> {
    const rows = (await tx.query(
      `SELECT intern_id, risk_level FROM intern_progress WHERE cohort_id = $1 AND intern_id = ANY($2)`,
      [cohortId, internIds],
    )) as { intern_id: string; risk_level: RiskLevel }[];
    return new Map(rows.map((r) => [r.intern_id, r.risk_level]));
  }

  async saveProgress(tx: EntityManager, row: InternProgress): Promise<void> {
    await tx.query(
      `INSERT INTO intern_progress
         (cohort_id, intern_id, name, enrollment_status, risk_level, risk_reasons, primary_mentor_id, mentor_ids, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (cohort_id, intern_id) DO UPDATE SET
         name = EXCLUDED.name, enrollment_status = EXCLUDED.enrollment_status, risk_level = EXCLUDED.risk_level,
         risk_reasons = EXCLUDED.risk_reasons, primary_mentor_id = EXCLUDED.primary_mentor_id,
         mentor_ids = EXCLUDED.mentor_ids, details = EXCLUDED.details`,
      [
        row.cohortId,
        row.internId,
        row.name,
        row.enrollmentStatus,
        row.risk.level,
        row.risk.reasons,
        row.primaryMentorId,
        row.mentorIds,
        JSON.stringify(row),
      ],
    );
  }

  /** Replaces the weeks an intern's risk level changed in (intern_risk_weeks). */
  async saveRiskWeeks(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    weeks: readonly RecordedRiskWeek[],
  ): Promise<void> {
    await tx.query(`DELETE FROM intern_risk_weeks WHERE cohort_id = $1 AND intern_id = $2`, [cohortId, internId]);
    if (weeks.length === 0) return;
    await tx.query(
      `INSERT INTO intern_risk_weeks (cohort_id, intern_id, week, level, reasons)
       SELECT $1, $2, w.week, w.level, ARRAY(SELECT jsonb_array_elements_text(w.reasons))
         FROM jsonb_to_recordset($3::jsonb) AS w(week int, level text, reasons jsonb)`,
      [cohortId, internId, JSON.stringify(weeks)],
    );
  }
}
