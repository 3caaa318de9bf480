import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deriveProgress } from '../domain/derive-progress.js';
import { COHORT_WIDE, type Fact } from '../domain/facts.js';
import type { InternProgress, RiskLevel } from '../domain/intern-progress.js';
import { riskHistory } from '../domain/risk-weeks.js';
import { ProgressProjectionRepository } from '../persistence/progress-projection.repository.js';
import { factsFromEvent, type SourceEvent } from './event-facts.js';

/** One intern's row before and after an event was applied. */
export interface ProgressChange {
  cohortId: string;
  internId: string;
  before: { level: RiskLevel } | null;
  after: InternProgress | null;
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
  constructor(private readonly progress: ProgressProjectionRepository) {}

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
      await this.progress.lock(tx, cohortLock, 'exclusive');
    } else {
      await this.progress.lock(tx, cohortLock, 'shared');
      await this.progress.lock(tx, `${lockNamespace}:progress:intern:${cohortId}:${internId}`, 'exclusive');
    }
    for (const fact of written.facts) await this.progress.recordFact(tx, fact);
    return this.derive(tx, cohortId, internId);
  }

  /** Re-derives the rows of one intern, or of every intern of the cohort. */
  private async derive(tx: EntityManager, cohortId: string, internId: string | undefined): Promise<ProgressChange[]> {
    const byIntern = new Map<string, Fact[]>();
    for (const fact of await this.progress.factsOf(tx, cohortId, internId)) {
      byIntern.set(fact.internId, [...(byIntern.get(fact.internId) ?? []), fact]);
    }
    const cohortFacts = byIntern.get(COHORT_WIDE) ?? [];
    byIntern.delete(COHORT_WIDE);
    const internIds = internId === undefined ? [...byIntern.keys()].sort() : [internId];
    if (internIds.length === 0) return [];
    const levels = await this.progress.levelsOf(tx, cohortId, internIds);
    const changes: ProgressChange[] = [];
    for (const id of internIds) {
      const internFacts = byIntern.get(id) ?? [];
      const row = deriveProgress(cohortFacts, internFacts);
      if (row) {
        await this.progress.saveProgress(tx, row);
        await this.progress.saveRiskWeeks(tx, cohortId, id, riskHistory(cohortFacts, internFacts, row));
      }
      const level = levels.get(id);
      changes.push({ cohortId, internId: id, before: level ? { level } : null, after: row ?? null });
    }
    return changes;
  }
}
