import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError } from '#ddd';
import { onUniqueViolation } from '#platform';
import type { EvaluationDecision, ReturnOffer } from '../domain/decision.js';
import { Evaluation, type EvaluationKind, type EvaluationSnapshot, type RecorderRole } from '../domain/evaluation.js';
import type { EvaluationCycle } from '../domain/evaluation-window.js';
import { EvaluationOrmEntity } from './evaluation.orm-entity.js';

export function toSnapshot(row: EvaluationOrmEntity): EvaluationSnapshot {
  return {
    id: row.id,
    cohortId: row.cohortId,
    internId: row.internId,
    authorId: row.authorId,
    kind: row.kind as EvaluationKind,
    cycle: row.cycle as EvaluationCycle,
    scores: row.scores,
    averageScore: row.averageScore,
    sharedComments: row.sharedComments,
    privateComments: row.privateComments,
    reflections: row.reflections,
    programNps: row.programNps,
    decision: row.decision as EvaluationDecision | null,
    extensionWeeks: row.extensionWeeks,
    returnOffer: row.returnOffer as ReturnOffer | null,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
    revision: row.revision,
    recordedBy: { id: row.recordedById, role: row.recordedByRole as RecorderRole },
  };
}

function toRow({ recordedBy, ...s }: EvaluationSnapshot): EvaluationOrmEntity {
  return Object.assign(new EvaluationOrmEntity(), s, { recordedById: recordedBy.id, recordedByRole: recordedBy.role });
}

@Injectable()
export class EvaluationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The evaluation of a kind and cycle, locked for the rest of the transaction; null when none yet. */
  async findForUpdate(
    tx: EntityManager,
    key: { cohortId: string; internId: string; kind: EvaluationKind; cycle: EvaluationCycle },
  ): Promise<Evaluation | null> {
    const row = await tx
      .getRepository(EvaluationOrmEntity)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.cohort_id = :cohortId AND e.intern_id = :internId AND e.kind = :kind AND e.cycle = :cycle', key)
      .getOne();
    return row ? Evaluation.fromSnapshot(toSnapshot(row)) : null;
  }

  /** Inserts a first submission; a concurrent first submission of the same cycle is a CONFLICT. */
  async insert(tx: EntityManager, evaluation: Evaluation): Promise<void> {
    const s = evaluation.snapshot();
    await onUniqueViolation(
      tx.insert(EvaluationOrmEntity, toRow(s)),
      () =>
        new ConflictError(
          `the ${s.cycle} ${s.kind.toLowerCase()} evaluation of intern ${s.internId} was submitted at the same time by another request`,
        ),
    );
  }

  async update(tx: EntityManager, evaluation: Evaluation): Promise<void> {
    const s = evaluation.snapshot();
    await tx.update(EvaluationOrmEntity, { id: s.id }, toRow(s));
  }

  async forInterns(internIds: readonly string[], cycle?: EvaluationCycle | null): Promise<EvaluationSnapshot[]> {
    if (internIds.length === 0) return [];
    const qb = this.dataSource
      .getRepository(EvaluationOrmEntity)
      .createQueryBuilder('e')
      .where('e.intern_id = ANY(:ids)', { ids: [...internIds] });
    if (cycle) qb.andWhere('e.cycle = :cycle', { cycle });
    const rows = await qb.orderBy('e.intern_id').addOrderBy('e.submitted_at').addOrderBy('e.kind').getMany();
    return rows.map(toSnapshot);
  }

  async byId(id: string): Promise<EvaluationSnapshot | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await this.dataSource.manager.findOneBy(EvaluationOrmEntity, { id });
    return row ? toSnapshot(row) : null;
  }

  async forCohort(cohortId: string): Promise<EvaluationSnapshot[]> {
    const rows = await this.dataSource.manager.find(EvaluationOrmEntity, {
      where: { cohortId },
      order: { submittedAt: 'ASC' },
    });
    return rows.map(toSnapshot);
  }
}
