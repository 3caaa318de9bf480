import type { CohortPhase } from '#calendar';
import { Cohort, type CohortSnapshot, type CohortStatus, type WorkMode } from '../domain/cohort.js';
import { CohortOrmEntity } from './cohort.orm-entity.js';

export const CohortMapper = {
  toSnapshot(row: CohortOrmEntity): CohortSnapshot {
    return {
      id: row.id,
      name: row.name,
      startDate: row.startDate,
      weeks: row.weeks,
      timezone: row.timezone,
      location: row.location,
      workMode: row.workMode as WorkMode,
      capacity: row.capacity,
      status: row.status as CohortStatus,
      enrolledCount: row.enrolledCount,
      startsAt: row.startsAt,
      scheduledBy: row.scheduledBy,
      scheduledAt: row.scheduledAt,
      cancelledAt: row.cancelledAt,
      cancelledBy: row.cancelledBy,
      cancellationReason: row.cancellationReason,
      currentWeek: row.currentWeek,
      currentPhase: row.currentPhase as CohortPhase | null,
      clockAt: row.clockAt,
    };
  },

  toDomain(row: CohortOrmEntity, enrolledInternIds: Iterable<string>): Cohort {
    return Cohort.rehydrate(CohortMapper.toSnapshot(row), enrolledInternIds);
  },

  toOrm(cohort: Cohort, updatedAt: Date): CohortOrmEntity {
    const s = cohort.toSnapshot();
    const row = new CohortOrmEntity();
    Object.assign(row, {
      id: s.id,
      name: s.name,
      startDate: s.startDate,
      weeks: s.weeks,
      timezone: s.timezone,
      location: s.location,
      workMode: s.workMode,
      capacity: s.capacity,
      status: s.status,
      enrolledCount: s.enrolledCount,
      startsAt: s.startsAt,
      scheduledBy: s.scheduledBy,
      scheduledAt: s.scheduledAt,
      cancelledAt: s.cancelledAt,
      cancelledBy: s.cancelledBy,
      cancellationReason: s.cancellationReason,
      currentWeek: s.currentWeek,
      currentPhase: s.currentPhase,
      clockAt: s.clockAt,
      updatedAt,
    } satisfies Omit<CohortOrmEntity, never>);
    return row;
  },
};
