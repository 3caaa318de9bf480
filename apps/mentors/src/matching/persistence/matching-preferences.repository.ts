import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { defaultPreferences, type MatchingPreferences } from '../domain/preferences.js';
import { MatchingPreferencesOrmEntity } from './matching-preferences.orm-entity.js';

/** A cohort's matching preferences: the defaults until a program manager sets them. */
@Injectable()
export class MatchingPreferencesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Replaces the cohort's preferences (the previous weights and exclusions are gone). */
  async replace(tx: EntityManager, preferences: MatchingPreferences, by: string, at: Date): Promise<void> {
    await tx.upsert(
      MatchingPreferencesOrmEntity,
      {
        cohortId: preferences.cohortId,
        expertiseWeight: preferences.weights.expertise,
        timezoneWeight: preferences.weights.timezone,
        workloadWeight: preferences.weights.workload,
        exclusions: preferences.exclusions.map((e) => ({ internId: e.internId, mentorId: e.mentorId })),
        updatedBy: by,
        updatedAt: at,
      },
      ['cohortId'],
    );
  }

  /** The cohort's preferences, or the defaults (0.6/0.3/0.1, no exclusions) when none were set. */
  async forCohort(cohortId: string, manager: EntityManager = this.dataSource.manager): Promise<MatchingPreferences> {
    const row = await manager.findOneBy(MatchingPreferencesOrmEntity, { cohortId });
    if (!row) return defaultPreferences(cohortId);
    return {
      cohortId,
      weights: { expertise: row.expertiseWeight, timezone: row.timezoneWeight, workload: row.workloadWeight },
      exclusions: row.exclusions.map((e) => ({ internId: e.internId, mentorId: e.mentorId })),
    };
  }
}
