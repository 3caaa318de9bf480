import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { onUniqueViolation, type CursorKey } from '#platform';
import { Mentor, MentorAlreadyRegisteredError, type MentorErasure } from '../domain/mentor.js';
import { MentorMapper } from './mentor.mapper.js';
import { MentorOrmEntity } from './mentor.orm-entity.js';
import { PersonalDataErasureOrmEntity } from './personal-data-erasure.orm-entity.js';

export interface MentorPage {
  /** Up to `limit + 1` mentors in (name, id) order: the extra one tells there is a next page. */
  mentors: Mentor[];
  totalCount: number;
}

@Injectable()
export class MentorRepository {
  constructor(private readonly dataSource: DataSource) {}

  async exists(tx: EntityManager, mentorId: string): Promise<boolean> {
    return tx.exists(MentorOrmEntity, { where: { mentorId } });
  }

  /** Inserts a new mentor; a concurrent registration of the same id is a conflict, not a crash. */
  async insert(tx: EntityManager, mentor: Mentor): Promise<void> {
    await onUniqueViolation(
      tx.insert(MentorOrmEntity, MentorMapper.toOrm(mentor)),
      () => new MentorAlreadyRegisteredError(mentor.id),
    );
  }

  /**
   * The mentor, with their row locked until the transaction ends: assignments that take one of
   * the mentor's places (and capacity changes) are serialised on it, so two program managers
   * giving away the last place at once get one success and one CONFLICT.
   */
  async lockForUpdate(tx: EntityManager, mentorId: string): Promise<Mentor | null> {
    const row = await tx
      .getRepository(MentorOrmEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.mentor_id = :mentorId', { mentorId })
      .getOne();
    return row ? MentorMapper.toDomain(row) : null;
  }

  /** Saves a changed profile (the row was locked with `lockForUpdate`). */
  async saveProfile(tx: EntityManager, mentor: Mentor): Promise<void> {
    const row = MentorMapper.toOrm(mentor);
    const { name, email, team, expertise, timezone, capacity, cohortIds, workingHoursStart, workingHoursEnd } = row;
    await tx.update(
      MentorOrmEntity,
      { mentorId: row.mentorId },
      { name, email, team, expertise, timezone, capacity, cohortIds, workingHoursStart, workingHoursEnd },
    );
  }

  /**
   * Saves an erased mentor (their name and e-mail now the erased values, `erased_at` set; the row
   * was locked with `lockForUpdate`) and records the erasure, without the erased data.
   */
  async saveErasure(tx: EntityManager, mentor: Mentor, erasure: MentorErasure): Promise<void> {
    const { mentorId, name, email, erasedAt } = MentorMapper.toOrm(mentor);
    await tx.update(MentorOrmEntity, { mentorId }, { name, email, erasedAt });
    await tx.insert(PersonalDataErasureOrmEntity, {
      person: 'MENTOR',
      subjectId: erasure.mentorId,
      reason: erasure.reason,
      erasedBy: erasure.erasedBy,
      erasedAt: erasure.erasedAt,
      trigger: erasure.trigger,
    });
  }

  /**
   * The mentors available for a cohort, each with the places they have taken now (any cohort).
   * An erased mentor is never available: matching never suggests them.
   */
  async availableForCohort(cohortId: string): Promise<{ mentor: Mentor; activeMentees: number }[]> {
    const rows = await this.dataSource
      .getRepository(MentorOrmEntity)
      .createQueryBuilder('m')
      .where('(m.cohort_ids IS NULL OR :cohortId = ANY(m.cohort_ids))', { cohortId })
      .andWhere('m.erased_at IS NULL')
      .orderBy('m.mentor_id')
      .getMany();
    if (rows.length === 0) return [];
    const counts = (await this.dataSource.query(
      `SELECT mentor_id, count(*)::int AS n FROM assignments
        WHERE unassigned_at IS NULL AND mentor_id = ANY($1) GROUP BY mentor_id`,
      [rows.map((r) => r.mentorId)],
    )) as { mentor_id: string; n: number }[];
    const load = new Map(counts.map((c) => [c.mentor_id, c.n]));
    return rows.map((r) => ({ mentor: MentorMapper.toDomain(r), activeMentees: load.get(r.mentorId) ?? 0 }));
  }

  /** Which of these mentors are registered. */
  async registeredIds(tx: EntityManager, mentorIds: readonly string[]): Promise<Set<string>> {
    if (mentorIds.length === 0) return new Set();
    const rows = await tx.find(MentorOrmEntity, {
      select: { mentorId: true },
      where: { mentorId: In([...mentorIds]) },
    });
    return new Set(rows.map((r) => r.mentorId));
  }

  async findById(mentorId: string): Promise<Mentor | null> {
    const row = await this.dataSource.getRepository(MentorOrmEntity).findOneBy({ mentorId });
    return row ? MentorMapper.toDomain(row) : null;
  }

  async findByIds(mentorIds: readonly string[]): Promise<Mentor[]> {
    if (mentorIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(MentorOrmEntity).findBy({ mentorId: In([...mentorIds]) });
    return rows.map((r) => MentorMapper.toDomain(r));
  }

  /** One keyset page of mentors ordered by name then id; with a cohort, only those available for it. */
  async page(options: { cohortId?: string; limit: number; after?: CursorKey }): Promise<MentorPage> {
    const filtered = (): SelectQueryBuilder<MentorOrmEntity> => {
      const qb = this.dataSource.getRepository(MentorOrmEntity).createQueryBuilder('m');
      if (options.cohortId !== undefined) {
        qb.where('(m.cohort_ids IS NULL OR :cohortId = ANY(m.cohort_ids))', { cohortId: options.cohortId });
      }
      return qb;
    };
    const pageQuery = filtered();
    if (options.after) {
      pageQuery.andWhere('(m.name, m.mentor_id) > (:afterName, :afterId)', {
        afterName: options.after.sort,
        afterId: options.after.id,
      });
    }
    const [rows, totalCount] = await Promise.all([
      pageQuery
        .orderBy('m.name', 'ASC')
        .addOrderBy('m.mentor_id', 'ASC')
        .limit(options.limit + 1)
        .getMany(),
      filtered().getCount(),
    ]);
    return { mentors: rows.map((r) => MentorMapper.toDomain(r)), totalCount };
  }
}
