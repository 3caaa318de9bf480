import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deriveProgress } from '../domain/derive-progress.js';
import { COHORT_WIDE, type Fact, type FactKind } from '../domain/facts.js';
import type { InternProgress, RiskLevel } from '../domain/intern-progress.js';
import { factsFromEvent, type SourceEvent } from './event-facts.js';

/** One intern's row before and after an event was applied. */
export interface ProgressChange {
  cohortId: string;
  internId: string;
  before: { level: RiskLevel } | null;
  after: InternProgress | null;
}

interface FactRow {
  intern_id: string;
  kind: string;
  fact_key: string;
  event_id: string;
  occurred_at: Date;
  data: Record<string, unknown>;
}

/**
 * The one code path of the progress read model, used live (ProgressProjection, in the inbox
 * transaction) and by a rebuild (ProgressRebuild, in a schema of its own): records the event's
 * facts (a later event wins over an earlier one for the same fact, whatever the order they come
 * in), then derives the rows of the interns concerned from all their facts. Nothing here reads
 * the wall clock. Serialised per intern (and per cohort for cohort-wide facts) with transaction
 * advisory locks, so that two partitions consumed at once never derive a row from a stale set.
 */
@Injectable()
export class ProgressProjector {
  /**
   * Applies one event. `lockNamespace` keeps the locks of a rebuild apart from the live ones.
   * Returns the rows that were derived (empty for an event the read model does not use).
   */
  async apply(tx: EntityManager, event: SourceEvent, lockNamespace = 'live'): Promise<ProgressChange[]> {
    const written = factsFromEvent(event);
    if (!written) return [];
    const { cohortId, internId } = written;
    const cohortLock = `${lockNamespace}:progress:cohort:${cohortId}`;
    if (internId === undefined) {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [cohortLock]);
    } else {
      await tx.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))`, [cohortLock]);
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `${lockNamespace}:progress:intern:${cohortId}:${internId}`,
      ]);
    }
    for (const fact of written.facts) await this.record(tx, fact);
    return this.derive(tx, cohortId, internId);
  }

  private async record(tx: EntityManager, fact: Fact): Promise<void> {
    await tx.query(
      `INSERT INTO progress_facts (cohort_id, intern_id, kind, fact_key, event_id, occurred_at, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (cohort_id, intern_id, kind, fact_key) DO UPDATE
          SET event_id = EXCLUDED.event_id, occurred_at = EXCLUDED.occurred_at, data = EXCLUDED.data
        WHERE (EXCLUDED.occurred_at, EXCLUDED.event_id) > (progress_facts.occurred_at, progress_facts.event_id)`,
      [fact.cohortId, fact.internId, fact.kind, fact.key, fact.eventId, fact.occurredAt, JSON.stringify(fact.data)],
    );
  }

  /** Re-derives the rows of one intern, or of every intern of the cohort. */
  private async derive(tx: EntityManager, cohortId: string, internId: string | undefined): Promise<ProgressChange[]> {
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
    const byIntern = new Map<string, Fact[]>();
    for (const r of rows) {
      const fact: Fact = {
        cohortId,
        internId: r.intern_id,
        kind: r.kind as FactKind,
        key: r.fact_key,
        eventId: r.event_id,
        occurredAt: new Date(r.occurred_at).toISOString(),
        data: r.data,
      };
      byIntern.set(r.intern_id, [...(byIntern.get(r.intern_id) ?? []), fact]);
    }
    const cohortFacts = byIntern.get(COHORT_WIDE) ?? [];
    byIntern.delete(COHORT_WIDE);
    const internIds = internId === undefined ? [...byIntern.keys()].sort() : [internId];
    if (internIds.length === 0) return [];
    const before = (await tx.query(
      `SELECT intern_id, risk_level FROM intern_progress WHERE cohort_id = $1 AND intern_id = ANY($2)`,
      [cohortId, internIds],
    )) as { intern_id: string; risk_level: RiskLevel }[];
    const levels = new Map(before.map((b) => [b.intern_id, b.risk_level]));
    const changes: ProgressChange[] = [];
    for (const id of internIds) {
      const row = deriveProgress(cohortFacts, byIntern.get(id) ?? []);
      if (row) await this.save(tx, row);
      const level = levels.get(id);
      changes.push({ cohortId, internId: id, before: level ? { level } : null, after: row ?? null });
    }
    return changes;
  }

  private async save(tx: EntityManager, row: InternProgress): Promise<void> {
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
}
