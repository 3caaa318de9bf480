import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { addDays } from '#ddd';
import type { CohortCalendar, CohortStatus } from '../domain/cohort-calendar.js';
import { CohortProjectionOrmEntity } from './cohort-projection.orm-entity.js';

function toView(row: CohortProjectionOrmEntity): CohortCalendar {
  return {
    cohortId: row.cohortId,
    name: row.name,
    startDate: row.startDate,
    weeks: row.weeks,
    timezone: row.timezone,
    status: row.status,
    currentWeek: row.currentWeek,
    currentWeekStartsOn: row.currentWeekStartsOn,
    currentWeekEndsOn: row.currentWeekEndsOn,
  };
}

/**
 * Writes the cohort projection from cohorts events (through the consumer's transaction) and
 * reads it. Every write is idempotent and moves the status only forward
 * (SCHEDULED → IN_PROGRESS → COMPLETED; CANCELLED is final), so replays and redeliveries are harmless.
 */
@Injectable()
export class CohortProjectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordScheduled(
    tx: EntityManager,
    c: { cohortId: string; name: string | null; startDate: string; weeks: number; timezone: string },
    at: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO cohorts (cohort_id, name, start_date, weeks, timezone, status, last_event_at)
       VALUES ($1, $2, $3, $4, $5, 'SCHEDULED', $6)
       ON CONFLICT (cohort_id) DO UPDATE SET
         name = COALESCE(EXCLUDED.name, cohorts.name),
         start_date = EXCLUDED.start_date,
         weeks = EXCLUDED.weeks,
         timezone = EXCLUDED.timezone,
         last_event_at = GREATEST(cohorts.last_event_at, EXCLUDED.last_event_at),
         updated_at = now()`,
      [c.cohortId, c.name, c.startDate, c.weeks, c.timezone, at],
    );
  }

  async recordStarted(
    tx: EntityManager,
    c: { cohortId: string; startDate: string; weeks: number; timezone: string },
    at: Date,
  ): Promise<void> {
    await this.recordScheduled(tx, { ...c, name: null }, at);
    await this.moveStatus(tx, c.cohortId, 'IN_PROGRESS', at);
  }

  /** The clock moved to `week`; never moves it back. */
  async recordWeekStarted(
    tx: EntityManager,
    w: { cohortId: string; week: number; startsOn: string; endsOn: string; weeks: number },
    at: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO cohorts (cohort_id, start_date, weeks, status, current_week, current_week_starts_on, current_week_ends_on, last_event_at)
       VALUES ($1, $2, $3, 'IN_PROGRESS', $4, $5, $6, $7)
       ON CONFLICT (cohort_id) DO UPDATE SET
         current_week = EXCLUDED.current_week,
         current_week_starts_on = EXCLUDED.current_week_starts_on,
         current_week_ends_on = EXCLUDED.current_week_ends_on,
         last_event_at = GREATEST(cohorts.last_event_at, EXCLUDED.last_event_at),
         updated_at = now()
       WHERE cohorts.current_week IS NULL OR cohorts.current_week < EXCLUDED.current_week`,
      [w.cohortId, addDays(w.startsOn, -7 * (w.week - 1)), w.weeks, w.week, w.startsOn, w.endsOn, at],
    );
    await this.moveStatus(tx, w.cohortId, 'IN_PROGRESS', at);
  }

  async moveStatus(tx: EntityManager, cohortId: string, status: CohortStatus, at: Date): Promise<void> {
    const from: Record<CohortStatus, CohortStatus[]> = {
      SCHEDULED: [],
      IN_PROGRESS: ['SCHEDULED'],
      COMPLETED: ['SCHEDULED', 'IN_PROGRESS'],
      CANCELLED: ['SCHEDULED', 'IN_PROGRESS'],
    };
    await tx.query(
      `UPDATE cohorts SET status = $2, last_event_at = GREATEST(last_event_at, $3), updated_at = now()
        WHERE cohort_id = $1 AND status = ANY($4::text[])`,
      [cohortId, status, at, from[status]],
    );
  }

  async findById(cohortId: string, manager: EntityManager = this.dataSource.manager): Promise<CohortCalendar | null> {
    const row = await manager.getRepository(CohortProjectionOrmEntity).findOneBy({ cohortId });
    return row ? toView(row) : null;
  }

  async findByIds(cohortIds: readonly string[]): Promise<CohortCalendar[]> {
    if (cohortIds.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(CohortProjectionOrmEntity)
      .findBy({ cohortId: In([...cohortIds]) });
    return rows.map(toView);
  }
}
