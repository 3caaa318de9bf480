import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CursorKey } from '#platform';
import type { InternProgress, RiskLevel } from '../domain/intern-progress.js';
import type { RiskWeek } from '../domain/risk-weeks.js';

/** A row with the weekly risk levels recorded for it (intern_risk_weeks), oldest week first. */
export type ProgressRow = InternProgress & { recordedRiskWeeks?: RiskWeek[] };

const SELECT_ROW = `SELECT details, (SELECT coalesce(json_agg(json_build_object('week', w.week, 'level', w.level) ORDER BY w.week), '[]')
    FROM intern_risk_weeks w WHERE w.cohort_id = intern_progress.cohort_id AND w.intern_id = intern_progress.intern_id) AS risk_weeks
  FROM intern_progress`;

type Row = { details: InternProgress; risk_weeks: RiskWeek[] };
const toRow = (r: Row): ProgressRow => ({ ...r.details, recordedRiskWeeks: r.risk_weeks });

/** Which rows a caller may list: all (program managers), or their mentees and/or themself. */
export interface ProgressAudience {
  all: boolean;
  mentorId?: string;
  internId?: string;
}

export interface ProgressPage {
  /** Up to `limit + 1` rows in (name, cohort/intern) order: the extra one tells there is a next page. */
  rows: ProgressRow[];
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
        `${SELECT_ROW} ${pageFilter}
          ORDER BY name, cohort_id || '/' || intern_id LIMIT ${p(options.limit + 1)}`,
        params,
      ) as Promise<Row[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM intern_progress ${filter}`, countParams) as Promise<
        { n: number }[]
      >,
    ]);
    return { rows: rows.map(toRow), totalCount: count[0]?.n ?? 0 };
  }

  async forIntern(internId: string): Promise<ProgressRow[]> {
    const rows = (await this.dataSource.query(`${SELECT_ROW} WHERE intern_id = $1 ORDER BY cohort_id`, [
      internId,
    ])) as Row[];
    return rows.map(toRow);
  }

  async forCohort(cohortId: string): Promise<ProgressRow[]> {
    const rows = (await this.dataSource.query(`${SELECT_ROW} WHERE cohort_id = $1 ORDER BY name, intern_id`, [
      cohortId,
    ])) as Row[];
    return rows.map(toRow);
  }
}
