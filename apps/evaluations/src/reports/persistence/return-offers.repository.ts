import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OfferDecision } from '../domain/program-report.js';

/**
 * What the reports keep of the cohorts service's return offers (`return_offers`, from
 * ReturnOfferDecided) and the cohorts whose program ended, from the clock projection (`eval_cohorts`).
 */
@Injectable()
export class ReturnOffersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The intern's offer decision: the latest by `decidedAt` wins, so an older decision delivered
   * late (or the same one again) changes nothing.
   */
  async decided(tx: EntityManager, d: OfferDecision & { decidedAt: Date }): Promise<void> {
    await tx.query(
      `INSERT INTO return_offers (cohort_id, intern_id, status, recommendation, decided_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (cohort_id, intern_id) DO UPDATE
         SET status = EXCLUDED.status, recommendation = EXCLUDED.recommendation, decided_at = EXCLUDED.decided_at
       WHERE return_offers.decided_at < EXCLUDED.decided_at`,
      [d.cohortId, d.internId, d.status, d.recommendation, d.decidedAt],
    );
  }

  /** The offers of the cohorts (one per intern: the latest decision). */
  async ofCohorts(cohortIds: readonly string[]): Promise<OfferDecision[]> {
    if (cohortIds.length === 0) return [];
    const rows: {
      cohort_id: string;
      intern_id: string;
      status: OfferDecision['status'];
      recommendation: string | null;
    }[] = await this.dataSource.query(
      `SELECT cohort_id, intern_id, status, recommendation FROM return_offers
          WHERE cohort_id = ANY($1::text[]) ORDER BY cohort_id, intern_id`,
      [[...cohortIds]],
    );
    return rows.map((r) => ({
      cohortId: r.cohort_id,
      internId: r.intern_id,
      status: r.status,
      recommendation: r.recommendation,
    }));
  }

  /** The COMPLETED cohorts whose calendar is known (their end date is computed from it). */
  async completedCohorts(): Promise<{ cohortId: string; name: string | null; startDate: string; weeks: number }[]> {
    const rows: { cohort_id: string; name: string | null; start_date: string; weeks: number }[] =
      await this.dataSource.query(
        `SELECT cohort_id, name, start_date, weeks FROM eval_cohorts
          WHERE status = 'COMPLETED' AND start_date IS NOT NULL AND weeks IS NOT NULL`,
      );
    return rows.map((r) => ({ cohortId: r.cohort_id, name: r.name, startDate: r.start_date, weeks: Number(r.weeks) }));
  }
}
