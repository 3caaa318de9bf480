import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deriveProgress } from '../domain/derive-progress.js';
import { hasPersonalData, withoutPersonalData } from '../domain/erasure.js';
import { COHORT_WIDE, type Fact } from '../domain/facts.js';
import type { InternProgress, RiskLevel } from '../domain/intern-progress.js';
import { riskHistory } from '../domain/risk-weeks.js';
import { ProgressProjectionRepository } from '../persistence/progress-projection.repository.js';
import { factsFromEvent, type EventFacts, type SourceEvent } from './event-facts.js';

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
    if (written.erasure) return this.erase(tx, written, written.erasure, lockNamespace);
    const { cohortId, internId } = written;
    const cohortLock = `${lockNamespace}:progress:cohort:${cohortId}`;
    if (internId === undefined) {
      await this.progress.lock(tx, [cohortLock, 'exclusive']);
    } else {
      // Taken first, shared: an erasure of the intern (exclusive) waits for this event, or this for it.
      await this.progress.lock(
        tx,
        [`${lockNamespace}:progress:person:${internId}`, 'shared'],
        [cohortLock, 'shared'],
        [`${lockNamespace}:progress:intern:${cohortId}:${internId}`, 'exclusive'],
      );
    }
    let facts = written.facts;
    // An erased intern's facts are recorded without personal data, whatever the event says.
    if (internId !== undefined && facts.some(hasPersonalData) && (await this.progress.isErased(tx, internId))) {
      facts = facts.map(withoutPersonalData);
    }
    for (const fact of facts) await this.progress.recordFact(tx, fact);
    return this.derive(tx, cohortId, internId);
  }

  /**
   * An intern's erasure: records it, takes the personal data out of every fact of theirs (in any
   * cohort), and derives their rows again in each cohort they have facts in. A replay gives the
   * same tables: its InternEnrolled carries the erased name already (crypto-shredding), and in
   * whatever order the two come, the facts end up without the name.
   */
  private async erase(
    tx: EntityManager,
    written: EventFacts,
    erasure: NonNullable<EventFacts['erasure']>,
    lockNamespace: string,
  ): Promise<ProgressChange[]> {
    const { internId } = erasure;
    await this.progress.lock(tx, [`${lockNamespace}:progress:person:${internId}`, 'exclusive']);
    const cohorts = [...new Set([...erasure.cohortIds, ...(await this.progress.cohortsOf(tx, internId))])].sort();
    for (const cohortId of cohorts) {
      await this.progress.lock(
        tx,
        [`${lockNamespace}:progress:cohort:${cohortId}`, 'shared'],
        [`${lockNamespace}:progress:intern:${cohortId}:${internId}`, 'exclusive'],
      );
    }
    for (const fact of written.facts) await this.progress.recordFact(tx, fact);
    for (const fact of await this.progress.factsOfIntern(tx, internId)) {
      if (hasPersonalData(fact)) await this.progress.replaceFactData(tx, withoutPersonalData(fact));
    }
    const changes: ProgressChange[] = [];
    for (const cohortId of cohorts) changes.push(...(await this.derive(tx, cohortId, internId)));
    return changes;
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
