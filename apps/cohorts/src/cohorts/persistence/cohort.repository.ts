import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { ConflictError } from '#ddd';
import { onUniqueViolation } from '#platform';
import type { Cohort } from '../domain/cohort.js';
import type { Enrollment } from '../../enrollments/domain/enrollment.js';
import type { OnboardingTask } from '../../onboarding/domain/onboarding.js';
import { ClockEventKind, type DueClockEvent } from '../../program-clock/domain/program-clock.js';
import { ClockEventOrmEntity } from '../../program-clock/persistence/clock-event.orm-entity.js';
import { CohortMapper } from './cohort.mapper.js';
import { CohortOrmEntity } from './cohort.orm-entity.js';
import { OnboardingTaskOrmEntity } from '../../onboarding/persistence/onboarding.orm-entity.js';
import { EnrollmentMapper } from '../../enrollments/persistence/enrollment.mapper.js';
import { EnrollmentOrmEntity } from '../../enrollments/persistence/enrollment.orm-entity.js';
import { isUuid } from '../../shared/persistence/ids.js';
import type { CohortSnapshot } from '../domain/cohort.js';
import { scheduleExtendedWeeks } from '../../program-clock/persistence/clock-events.js';
import { PersonalDataRepository } from '../../personal-data/persistence/personal-data.repository.js';

/**
 * The write side of cohorts: loads and stores the Cohort aggregate and the enrollments it creates,
 * always through the caller's transaction (`tx`), so that state and outbox commit together.
 */
@Injectable()
export class CohortRepository {
  constructor(private readonly personalData: PersonalDataRepository) {}

  /**
   * Loads a cohort. `forUpdate` locks the cohort row (`SELECT … FOR UPDATE`) until the
   * transaction ends: concurrent enrollments and cancellations of one cohort run one after the
   * other, which keeps the capacity rule exact. `interns` names the interns the command concerns:
   * the aggregate learns which of them are already enrolled (one indexed lookup, whatever the
   * cohort's size); the others are not loaded.
   */
  async findById(
    tx: EntityManager,
    id: string,
    options: { forUpdate?: boolean; interns?: readonly string[] } = {},
  ): Promise<Cohort | null> {
    if (!isUuid(id)) return null;
    const row = await tx.getRepository(CohortOrmEntity).findOne({
      where: { id },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) return null;
    const enrolled = options.interns?.length
      ? await tx
          .getRepository(EnrollmentOrmEntity)
          .find({ select: { internId: true }, where: { cohortId: id, internId: In([...options.interns]) } })
      : [];
    return CohortMapper.toDomain(
      row,
      enrolled.map((e) => e.internId),
    );
  }

  async insert(tx: EntityManager, cohort: Cohort, now: Date): Promise<void> {
    await tx.getRepository(CohortOrmEntity).insert(CohortMapper.toOrm(cohort, now));
  }

  async update(tx: EntityManager, cohort: Cohort, now: Date): Promise<void> {
    const { id, ...changes } = CohortMapper.toOrm(cohort, now);
    await tx.getRepository(CohortOrmEntity).update({ id }, changes);
  }

  /** Stores the due events of a newly scheduled cohort's clock. */
  async insertClockEvents(tx: EntityManager, cohortId: string, events: readonly DueClockEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.getRepository(ClockEventOrmEntity).insert(
      events.map((e) => ({
        cohortId,
        seq: e.seq,
        kind: e.kind,
        week: e.week,
        phase: e.phase,
        previousPhase: e.previousPhase,
        dueAt: e.dueAt,
      })),
    );
  }

  /** A cancelled cohort's clock: what has not fired never will. */
  async deleteUnfiredClockEvents(tx: EntityManager, cohortId: string): Promise<void> {
    await tx.query(`DELETE FROM clock_events WHERE cohort_id = $1 AND fired_at IS NULL`, [cohortId]);
  }

  /** The clock runs on for an intern extended by `extensionWeeks` in total (adds the weeks it lacks). */
  async scheduleExtendedWeeks(tx: EntityManager, cohort: CohortSnapshot, extensionWeeks: number): Promise<number> {
    return scheduleExtendedWeeks(tx, cohort, extensionWeeks);
  }

  /**
   * After a revoked extension: the clock's weeks past the cohort's end that no ongoing intern
   * needs any more (past `weeks + extensionWeeks + 1`, `extensionWeeks` the most any still has) and
   * that have not fired are removed.
   */
  async trimExtendedWeeks(tx: EntityManager, cohort: CohortSnapshot, extensionWeeks: number): Promise<void> {
    await tx.query(`DELETE FROM clock_events WHERE cohort_id = $1 AND fired_at IS NULL AND kind = $2 AND week > $3`, [
      cohort.id,
      ClockEventKind.EXTENDED_WEEK_STARTED,
      cohort.weeks + (extensionWeeks > 0 ? extensionWeeks + 1 : 0),
    ]);
  }

  /** The cohort's onboarding checklist, in order. */
  async checklist(tx: EntityManager, cohortId: string): Promise<OnboardingTask[]> {
    if (!isUuid(cohortId)) return [];
    const rows = await tx
      .getRepository(OnboardingTaskOrmEntity)
      .find({ where: { cohortId }, order: { position: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      cohortId: r.cohortId,
      position: r.position,
      title: r.title,
      description: r.description,
    }));
  }

  /** Replaces the checklist (only before the cohort starts, when no task can have been completed). */
  async replaceChecklist(tx: EntityManager, cohortId: string, tasks: readonly OnboardingTask[]): Promise<void> {
    await tx.query(`DELETE FROM onboarding_tasks WHERE cohort_id = $1`, [cohortId]);
    if (tasks.length) await tx.getRepository(OnboardingTaskOrmEntity).insert(tasks.map((t) => ({ ...t })));
  }

  /**
   * Stores a new enrollment; the unique index on (cohort_id, intern_id) backs the one-per-intern
   * rule. An intern whose personal data was erased is never given any again (CONFLICT: an erased
   * person's id is not reused); the intern's lock makes an erasure racing the enrollment either
   * see it or refuse it.
   */
  async insertEnrollment(tx: EntityManager, enrollment: Enrollment): Promise<void> {
    await this.personalData.lockIntern(tx, enrollment.internId);
    if (await this.personalData.find(tx, 'INTERN', enrollment.internId)) {
      throw new ConflictError(
        `intern ${enrollment.internId} was erased: an erased person's id is not reused, enroll them under a new id`,
      );
    }
    await onUniqueViolation(
      tx.getRepository(EnrollmentOrmEntity).insert(EnrollmentMapper.toOrm(enrollment)),
      () => new ConflictError(`intern ${enrollment.internId} is already enrolled in cohort ${enrollment.cohortId}`),
    );
  }
}
