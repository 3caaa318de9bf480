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

  /** Every column of the row from the snapshot (the compiler checks none is missing), plus `updatedAt`. */
  toOrm(cohort: Cohort, updatedAt: Date): CohortOrmEntity {
    return Object.assign(new CohortOrmEntity(), { ...cohort.toSnapshot(), updatedAt } satisfies CohortOrmEntity);
  },
};
