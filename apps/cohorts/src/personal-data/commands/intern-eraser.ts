import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '#ddd';
import { PersonalDataKeys } from '#messaging';
import { CohortsUnitOfWork } from '../../shared/commands/unit-of-work.js';
import {
  cohortStillNeedsData,
  erasedIntern,
  ErasureTrigger,
  InternErasure,
  scrubbed,
  type InternErasureSnapshot,
} from '../domain/intern-erasure.js';
import { PersonalDataRepository } from '../persistence/personal-data.repository.js';

export interface InternErasureRequest {
  internId: string;
  reason: string;
  erasedBy: string;
  trigger: ErasureTrigger;
  now: Date;
}

/**
 * Erases one intern's personal data, inside the caller's transaction (`eraseIntern`'s, or the
 * program clock's for the retention policy): under the intern's lock, every copy of their name,
 * e-mail and university in this database is rewritten (PersonalDataRepository.eraseIntern), the
 * erasure recorded (who, when, why; none of the data), their key destroyed
 * (PersonalDataKeys.erase: the log's copies become unreadable) and InternErased appended to the
 * outbox, all in that one transaction. Enrollment status, outcomes, offers and counts stay.
 */
@Injectable()
export class InternEraser {
  constructor(
    private readonly uow: CohortsUnitOfWork,
    private readonly personalData: PersonalDataRepository,
    private readonly keys: PersonalDataKeys,
  ) {}

  /** An unknown intern is NOT_FOUND, an intern erased already a CONFLICT. */
  erase(tx: EntityManager, request: InternErasureRequest): Promise<InternErasureSnapshot> {
    return this.uow.join(tx, async ({ track }) => {
      const { internId } = request;
      await this.personalData.lockIntern(tx, internId);
      const before = await this.personalData.find(tx, 'INTERN', internId);
      if (before) {
        throw new ConflictError(
          `intern ${internId} was already erased (${before.erasedAt.toISOString()}, ${before.trigger}): there is nothing left to erase`,
        );
      }
      const enrollments = await this.personalData.enrollmentsOfIntern(tx, internId);
      if (enrollments.length === 0) throw new NotFoundError('Intern', internId);
      const cohortIds = [...new Set(enrollments.map((e) => e.cohortId))];
      const erased = erasedIntern(internId);
      const people = await this.personalData.eraseIntern(tx, internId, erased);
      // The record keeps none of the erased data, not even in the reason the PM typed.
      const reason = people.reduce((text, person) => scrubbed(text, person, erased), request.reason);
      await this.personalData.record(tx, {
        person: 'INTERN',
        subjectId: internId,
        reason,
        erasedBy: request.erasedBy,
        erasedAt: request.now,
        trigger: request.trigger,
      });
      await this.keys.erase(tx, internId);
      const erasure = track(
        InternErasure.erase({
          internId,
          cohortIds,
          reason,
          erasedBy: request.erasedBy,
          erasedAt: request.now,
          trigger: request.trigger,
        }),
      );
      return erasure.toSnapshot();
    });
  }

  /**
   * The retention policy for one completed cohort: erases each of its interns not erased yet,
   * except those whose data another cohort still needs (one that has not ended, or completed
   * less than `months` ago). Returns the interns erased. Running it again erases nobody twice.
   */
  async eraseCohortInterns(
    tx: EntityManager,
    cohortId: string,
    policy: { months: number; reason: string; erasedBy: string; now: Date },
  ): Promise<string[]> {
    const erased: string[] = [];
    for (const internId of await this.personalData.unerasedInternsOf(tx, cohortId)) {
      await this.personalData.lockIntern(tx, internId);
      if (await this.personalData.find(tx, 'INTERN', internId)) continue;
      const others = (await this.personalData.enrollmentsOfIntern(tx, internId)).filter((e) => e.cohortId !== cohortId);
      if (others.some((e) => cohortStillNeedsData(e, policy.now, policy.months))) continue;
      await this.erase(tx, {
        internId,
        reason: policy.reason,
        erasedBy: policy.erasedBy,
        trigger: ErasureTrigger.RETENTION_POLICY,
        now: policy.now,
      });
      erased.push(internId);
    }
    return erased;
  }
}
