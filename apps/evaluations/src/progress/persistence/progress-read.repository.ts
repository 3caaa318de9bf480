import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CursorKey } from '#platform';
import type { InternProgress, RiskLevel } from '../domain/intern-progress.js';

/** Which rows a caller may list: all (program managers), or their mentees and/or themself. */
export interface ProgressAudience {
  all: boolean;
  mentorId?: string;
  internId?: string;
}

export interface ProgressPage {
  /** Up to `limit + 1` rows in (name, cohort/intern) order: the extra one tells there is a next page. */
  rows: InternProgress[];
  totalCount: number;
}

export const progressSortKey = (p: Pick<InternProgress, 'name' | 'cohortId' | 'internId'>): CursorKey => ({
  sort: p.name,
  id: `${p.cohortId}/${p.internId}`,
});

/** Reads of the live progress read model (the `public` tables). */
@Injectable()
export class ProgressReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(options: {
    cohortId?: string;
    riskLevel?: RiskLevel;
    audience: ProgressAudience;
    limit: number;
    after?: CursorKey;
  }): Promise<ProgressPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (options.cohortId) where.push(`cohort_id = ${p(options.cohortId)}`);
    if (options.riskLevel) where.push(`risk_level = ${p(options.riskLevel)}`);
    if (!options.audience.all) {
      const who: string[] = [];
      if (options.audience.mentorId) who.push(`${p(options.audience.mentorId)} = ANY(mentor_ids)`);
      if (options.audience.internId) who.push(`intern_id = ${p(options.audience.internId)}`);
      where.push(who.length ? `(${who.join(' OR ')})` : 'false');
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const pageWhere = [...where];
    if (options.after) {
      pageWhere.push(`(name, cohort_id || '/' || intern_id) > (${p(options.after.sort)}, ${p(options.after.id)})`);
    }
    const pageFilter = pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : '';
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT details FROM intern_progress ${pageFilter}
          ORDER BY name, cohort_id || '/' || intern_id LIMIT ${p(options.limit + 1)}`,
        params,
      ) as Promise<{ details: InternProgress }[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM intern_progress ${filter}`, countParams) as Promise<
        { n: number }[]
      >,
    ]);
    return { rows: rows.map((r) => r.details), totalCount: count[0]?.n ?? 0 };
  }

  async forIntern(internId: string): Promise<InternProgress[]> {
    const rows = (await this.dataSource.query(
      `SELECT details FROM intern_progress WHERE intern_id = $1 ORDER BY cohort_id`,
      [internId],
    )) as { details: InternProgress }[];
    return rows.map((r) => r.details);
  }

  async forCohort(cohortId: string): Promise<InternProgress[]> {
    const rows = (await this.dataSource.query(
      `SELECT details FROM intern_progress WHERE cohort_id = $1 ORDER BY name, intern_id`,
      [cohortId],
    )) as { details: InternProgress }[];
    return rows.map((r) => r.details);
  }
}
