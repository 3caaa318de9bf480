import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Enrollment,
  EnrollmentStatus,
  ONGOING_STATUSES,
  type ExtensionRecord,
  type ExtensionSource,
} from '../domain/enrollment.js';
import { EnrollmentExtensionOrmEntity } from './enrollment-extension.orm-entity.js';
import { EnrollmentMapper, type EnrollmentRow } from './enrollment.mapper.js';
import { isUuid } from '../../shared/persistence/ids.js';
import type { AppliedDecision, EvaluationCycle } from '../domain/applied-decisions.js';

export function extensionFromOrm(row: EnrollmentExtensionOrmEntity): ExtensionRecord {
  return {
    id: row.id,
    enrollmentId: row.enrollmentId,
    weeks: row.weeks,
    afterWeek: row.afterWeek,
    reason: row.reason,
    source: row.source as ExtensionSource,
    sourceRef: row.sourceRef,
    grantedBy: row.grantedBy,
    grantedAt: row.grantedAt,
  };
}

/**
 * The write side of enrollments after they were made: status changes, onboarding completions
 * and extensions, always through the caller's transaction. Lock order across the service:
 * cohort row, then enrollment row, then talk or slot rows.
 */
@Injectable()
export class EnrollmentRepository {
  /** The intern's enrollment in the cohort; `forUpdate` locks it until the transaction ends. */
  async find(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Enrollment | null> {
    if (!isUuid(cohortId) || typeof internId !== 'string' || !internId) return null;
    const rows = (await tx.query(
      `SELECT * FROM enrollments WHERE cohort_id = $1 AND intern_id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [cohortId, internId],
    )) as EnrollmentRow[];
    return rows[0] ? Enrollment.rehydrate(EnrollmentMapper.fromRow(rows[0])) : null;
  }

  async update(tx: EntityManager, enrollment: Enrollment): Promise<void> {
    const s = enrollment.toSnapshot();
    await tx.query(
      `UPDATE enrollments SET status = $2, extension_weeks = $3, onboarding_completed_at = $4, ended_at = $5,
              end_reason = $6, outcome = $7, offer_recommendation = $8, offer_status = $9, offer_decided_at = $10
        WHERE id = $1`,
      [
        s.id,
        s.status,
        s.extensionWeeks,
        s.onboardingCompletedAt,
        s.endedAt,
        s.endReason,
        s.outcome,
        s.offerRecommendation,
        s.offerStatus,
        s.offerDecidedAt,
      ],
    );
  }

  /** The cohort started: every ENROLLED intern begins onboarding. */
  async startOnboarding(tx: EntityManager, cohortId: string): Promise<number> {
    const result = (await tx.query(
      `UPDATE enrollments SET status = $2 WHERE cohort_id = $1 AND status = $3 RETURNING id`,
      [cohortId, EnrollmentStatus.ONBOARDING, EnrollmentStatus.ENROLLED],
    )) as [unknown[], number];
    return result[1];
  }

  /** Interns with an enrollment in the cohort (any status). */
  async internIdsOf(tx: EntityManager, cohortId: string): Promise<Set<string>> {
    const rows = (await tx.query(`SELECT intern_id FROM enrollments WHERE cohort_id = $1`, [cohortId])) as {
      intern_id: string;
    }[];
    return new Set(rows.map((r) => r.intern_id));
  }

  /** The tasks the enrollment has completed. */
  async completedTasks(tx: EntityManager, enrollmentId: string): Promise<Set<string>> {
    const rows = (await tx.query(`SELECT task_id FROM onboarding_completions WHERE enrollment_id = $1`, [
      enrollmentId,
    ])) as { task_id: string }[];
    return new Set(rows.map((r) => r.task_id));
  }

  async insertCompletion(tx: EntityManager, enrollmentId: string, taskId: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO onboarding_completions (enrollment_id, task_id, completed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [enrollmentId, taskId, at],
    );
  }

  /** The enrollment's extensions in the order they were granted. */
  async extensionsOf(tx: EntityManager, enrollmentId: string): Promise<ExtensionRecord[]> {
    const rows = await tx
      .getRepository(EnrollmentExtensionOrmEntity)
      .find({ where: { enrollmentId }, order: { grantedAt: 'ASC', id: 'ASC' } });
    return rows.map(extensionFromOrm);
  }

  /**
   * Stores an extension. Returns false (and stores nothing) when one with the same `sourceRef`
   * exists: a midpoint decision extends an internship once, however often it arrives.
   */
  async insertExtension(tx: EntityManager, record: ExtensionRecord): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO enrollment_extensions (id, enrollment_id, weeks, after_week, reason, source, source_ref, granted_by, granted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (source_ref) DO NOTHING RETURNING id`,
      [
        record.id,
        record.enrollmentId,
        record.weeks,
        record.afterWeek,
        record.reason,
        record.source,
        record.sourceRef,
        record.grantedBy,
        record.grantedAt,
      ],
    )) as unknown[];
    return rows.length === 1;
  }

  async hasExtensionFrom(tx: EntityManager, sourceRef: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM enrollment_extensions WHERE source_ref = $1`, [
      sourceRef,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** The grants of every ongoing, extended enrollment of a cohort (their presentations weeks). */
  async extendedOf(tx: EntityManager, cohortId: string): Promise<Map<string, ExtensionRecord[]>> {
    const rows = await tx
      .getRepository(EnrollmentExtensionOrmEntity)
      .createQueryBuilder('x')
      .innerJoin('enrollments', 'e', 'e.id = x.enrollment_id')
      .where('e.cohort_id = :cohortId', { cohortId })
      .andWhere('e.status IN (:...statuses)', { statuses: [...ONGOING_STATUSES] })
      .orderBy('x.granted_at', 'ASC')
      .addOrderBy('x.id', 'ASC')
      .getMany();
    const byEnrollment = new Map<string, ExtensionRecord[]>();
    for (const row of rows) {
      byEnrollment.set(row.enrollmentId, [...(byEnrollment.get(row.enrollmentId) ?? []), extensionFromOrm(row)]);
    }
    return byEnrollment;
  }

  /** Removes one extension (a revoked midpoint grant). */
  async deleteExtension(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM enrollment_extensions WHERE id = $1`, [id]);
  }

  /** The decision of the evaluation the enrollment has applied, if any. */
  async appliedDecision(
    tx: EntityManager,
    enrollmentId: string,
    evaluationId: string,
  ): Promise<AppliedDecision | null> {
    const rows = (await tx.query(
      `SELECT cycle, evaluation_id, revision, decision, extension_weeks, applied_at
         FROM applied_evaluation_decisions WHERE enrollment_id = $1 AND evaluation_id = $2`,
      [enrollmentId, evaluationId],
    )) as {
      cycle: EvaluationCycle;
      evaluation_id: string;
      revision: number;
      decision: string;
      extension_weeks: number | null;
      applied_at: Date;
    }[];
    const row = rows[0];
    return row
      ? {
          enrollmentId,
          cycle: row.cycle,
          evaluationId: row.evaluation_id,
          revision: Number(row.revision),
          decision: row.decision,
          extensionWeeks: row.extension_weeks === null ? null : Number(row.extension_weeks),
          appliedAt: new Date(row.applied_at),
        }
      : null;
  }

  /** Records (or replaces) the decision of an evaluation the enrollment has applied. */
  async recordDecision(tx: EntityManager, d: AppliedDecision): Promise<void> {
    await tx.query(
      `INSERT INTO applied_evaluation_decisions (enrollment_id, cycle, evaluation_id, revision, decision, extension_weeks, applied_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (enrollment_id, evaluation_id) DO UPDATE SET cycle = $2, revision = $4, decision = $5,
              extension_weeks = $6, applied_at = $7`,
      [d.enrollmentId, d.cycle, d.evaluationId, d.revision, d.decision, d.extensionWeeks, d.appliedAt],
    );
  }
}
