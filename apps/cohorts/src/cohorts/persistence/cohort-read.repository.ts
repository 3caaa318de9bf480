import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { isIsoDate, ValidationError } from '#ddd';
import type { CursorKey } from '#platform';
import type { CohortSnapshot, CohortStatus } from '../domain/cohort.js';
import type { EnrollmentSnapshot } from '../../enrollments/domain/enrollment.js';
import { CohortMapper } from './cohort.mapper.js';
import { CohortOrmEntity } from './cohort.orm-entity.js';
import { EnrollmentMapper, type EnrollmentRow } from '../../enrollments/persistence/enrollment.mapper.js';
import { isUuid, perId } from '../../shared/persistence/ids.js';

export interface Page<T> {
  /** Up to `limit + 1` items: the extra one tells that there is a next page. */
  rows: T[];
  totalCount: number;
}

/**
 * Which enrollments a caller may see. Empty: all of them. Otherwise those of `internId` (the
 * caller's own) and, with `menteesOf`, those of that mentor's current mentees (from the
 * projection of assignments).
 */
export interface EnrollmentFilter {
  internId?: string;
  menteesOf?: string;
}

/** The SQL condition (on `intern_id`) of a filter, its parameters appended to `params`; null for all. */
function visibleCondition(filter: EnrollmentFilter, params: unknown[]): string | null {
  const any: string[] = [];
  if (filter.internId !== undefined) {
    params.push(filter.internId);
    any.push(`intern_id = $${params.length}`);
  }
  if (filter.menteesOf !== undefined) {
    params.push(filter.menteesOf);
    any.push(
      `intern_id IN (SELECT intern_id FROM mentor_assignments WHERE mentor_id = $${params.length} AND unassigned_at IS NULL)`,
    );
  }
  return any.length > 0 ? `(${any.join(' OR ')})` : null;
}

function checkCursor(after: CursorKey | undefined, sortIsValid: (sort: string) => boolean): void {
  if (after && (!sortIsValid(after.sort) || !isUuid(after.id))) {
    throw ValidationError.field('after', 'is not a cursor returned by this connection');
  }
}

/** Refuses an `after` cursor that no enrollments connection handed out (BAD_USER_INPUT on `after`). */
export function checkEnrollmentCursor(after: CursorKey | undefined): void {
  checkCursor(after, (s) => !Number.isNaN(Date.parse(s)));
}

/**
 * The read side: queries for the GraphQL resolvers and their DataLoaders. Never changes state.
 *
 * Orders: cohorts newest start date first (`start_date DESC, id DESC`); a cohort's enrollments
 * in the order they were made (`enrolled_at, id`). Cursors are keysets over those orders.
 */
@Injectable()
export class CohortReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listCohorts(args: {
    status?: CohortStatus | null;
    limit: number;
    after?: CursorKey;
  }): Promise<Page<CohortSnapshot>> {
    checkCursor(args.after, isIsoDate);
    const repo = this.dataSource.getRepository(CohortOrmEntity);
    const qb = repo.createQueryBuilder('c');
    if (args.status) qb.where('c.status = :status', { status: args.status });
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      qb.andWhere('(c.start_date, c.id) < (CAST(:afterSort AS date), CAST(:afterId AS uuid))', {
        afterSort: args.after.sort,
        afterId: args.after.id,
      });
    }
    const rows = await qb
      .orderBy('c.startDate', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(args.limit + 1)
      .getMany();
    return { rows: rows.map(CohortMapper.toSnapshot), totalCount };
  }

  async findCohorts(ids: readonly string[]): Promise<CohortSnapshot[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.dataSource.getRepository(CohortOrmEntity).findBy({ id: In(valid) });
    return rows.map(CohortMapper.toSnapshot);
  }

  async findCohort(id: string): Promise<CohortSnapshot | null> {
    return (await this.findCohorts([id]))[0] ?? null;
  }

  /**
   * One page of enrollments for each of several cohorts in one query (the same page size and
   * cursor for all of them): up to `limit + 1` rows per cohort.
   */
  async enrollmentPages(
    cohortIds: readonly string[],
    args: { limit: number; after?: CursorKey },
    filter: EnrollmentFilter = {},
  ): Promise<Map<string, EnrollmentSnapshot[]>> {
    checkEnrollmentCursor(args.after);
    return perId<EnrollmentSnapshot[]>(
      cohortIds,
      () => [],
      async (valid, result) => {
        const params: unknown[] = [valid, args.limit + 1];
        const where = ['cohort_id = ANY($1::uuid[])'];
        const visible = visibleCondition(filter, params);
        if (visible) where.push(visible);
        if (args.after) {
          params.push(args.after.sort, args.after.id);
          where.push(`(enrolled_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
        }
        const rows = (await this.dataSource.query(
          `SELECT * FROM (
           SELECT e.*, row_number() OVER (PARTITION BY cohort_id ORDER BY enrolled_at, id) AS rn
             FROM enrollments e WHERE ${where.join(' AND ')}
         ) page
         WHERE rn <= $2 ORDER BY cohort_id, enrolled_at, id`,
          params,
        )) as EnrollmentRow[];
        for (const row of rows) result.get(row.cohort_id)?.push(EnrollmentMapper.fromRow(row));
      },
    );
  }

  /** How many enrollments each cohort has (that the filter lets through). */
  async countEnrollments(cohortIds: readonly string[], filter: EnrollmentFilter = {}): Promise<Map<string, number>> {
    return perId<number>(
      cohortIds,
      () => 0,
      async (valid, result) => {
        const params: unknown[] = [valid];
        let where = 'cohort_id = ANY($1::uuid[])';
        const visible = visibleCondition(filter, params);
        if (visible) where += ` AND ${visible}`;
        const rows = (await this.dataSource.query(
          `SELECT cohort_id, count(*)::int AS count FROM enrollments WHERE ${where} GROUP BY cohort_id`,
          params,
        )) as { cohort_id: string; count: number }[];
        for (const row of rows) result.set(row.cohort_id, Number(row.count));
      },
    );
  }

  /** Every enrollment of each intern, oldest first. */
  async enrollmentsOfInterns(internIds: readonly string[]): Promise<Map<string, EnrollmentSnapshot[]>> {
    const result = new Map<string, EnrollmentSnapshot[]>(internIds.map((id) => [id, []]));
    if (internIds.length === 0) return result;
    const rows = (await this.dataSource.query(
      `SELECT * FROM enrollments WHERE intern_id = ANY($1::text[]) ORDER BY enrolled_at, id`,
      [internIds],
    )) as EnrollmentRow[];
    for (const row of rows) result.get(row.intern_id)?.push(EnrollmentMapper.fromRow(row));
    return result;
  }

  /** Each intern's latest enrollment: the intern's profile as last given. */
  async latestEnrollmentOfInterns(internIds: readonly string[]): Promise<Map<string, EnrollmentSnapshot>> {
    const result = new Map<string, EnrollmentSnapshot>();
    if (internIds.length === 0) return result;
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (intern_id) * FROM enrollments WHERE intern_id = ANY($1::text[])
        ORDER BY intern_id, enrolled_at DESC, id DESC`,
      [internIds],
    )) as EnrollmentRow[];
    for (const row of rows) result.set(row.intern_id, EnrollmentMapper.fromRow(row));
    return result;
  }

  /** Which of the interns were erased (their personal data reads as erased). */
  async erasedInterns(internIds: readonly string[]): Promise<Set<string>> {
    if (internIds.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT subject_id FROM personal_data_erasures WHERE person = 'INTERN' AND subject_id = ANY($1::text[])`,
      [internIds],
    )) as { subject_id: string }[];
    return new Set(rows.map((r) => r.subject_id));
  }
}
