import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EvaluationWindowOrmEntity } from './evaluation-window.orm-entity.js';

/** The evaluation windows as last announced (WindowAnnouncer), and what was submitted in one. */
@Injectable()
export class EvaluationWindowRepository {
  /** The stored windows of the cohort's interns, or of one intern. */
  async windowsOf(tx: EntityManager, cohortId: string, internId?: string): Promise<EvaluationWindowOrmEntity[]> {
    return tx.find(EvaluationWindowOrmEntity, {
      where: internId === undefined ? { cohortId } : { cohortId, internId },
    });
  }

  /** One statement for every window that changed (a save per window cost a SELECT and a write each). */
  async save(tx: EntityManager, rows: EvaluationWindowOrmEntity[]): Promise<void> {
    if (rows.length) await tx.upsert(EvaluationWindowOrmEntity, rows, ['cohortId', 'internId', 'cycle']);
  }

  /** The kinds of evaluation (MENTOR, SELF) submitted for the intern's cycle. */
  async submittedKinds(tx: EntityManager, cohortId: string, internId: string, cycle: string): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT kind FROM evaluations WHERE cohort_id = $1 AND intern_id = $2 AND cycle = $3`,
      [cohortId, internId, cycle],
    )) as { kind: string }[];
    return rows.map((r) => r.kind);
  }
}
