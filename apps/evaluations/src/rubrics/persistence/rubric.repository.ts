import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { defaultRubric } from '../domain/default-rubrics.js';
import type { Rubric, RubricKind } from '../domain/rubric.js';
import { CohortRubricOrmEntity } from './cohort-rubric.orm-entity.js';

export interface EffectiveRubric {
  rubric: Rubric;
  cohortId: string | null;
  tailored: boolean;
}

/** The rubric in force for a cohort: the one a program manager tailored for it, else the default. */
@Injectable()
export class RubricRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether any evaluation of the cohort was written (its rubric can no longer be tailored then). */
  async cohortHasEvaluations(tx: EntityManager, cohortId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM evaluations WHERE cohort_id = $1 LIMIT 1`, [cohortId])) as unknown[];
    return rows.length > 0;
  }

  async effective(cohortId: string | null | undefined, kind: RubricKind, tx?: EntityManager): Promise<EffectiveRubric> {
    if (cohortId) {
      const row = await (tx ?? this.dataSource.manager).findOneBy(CohortRubricOrmEntity, { cohortId, kind });
      if (row) return { rubric: row.rubric, cohortId, tailored: true };
    }
    return { rubric: defaultRubric(kind), cohortId: cohortId ?? null, tailored: false };
  }

  async save(tx: EntityManager, cohortId: string, rubric: Rubric, tailoredBy: string, now: Date): Promise<void> {
    await tx.save(CohortRubricOrmEntity, { cohortId, kind: rubric.kind, rubric, tailoredBy, tailoredAt: now });
  }
}
