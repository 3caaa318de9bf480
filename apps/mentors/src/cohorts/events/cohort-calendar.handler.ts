import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CohortCancelledV1,
  CohortCompletedV1,
  CohortScheduledV1,
  CohortStartedV1,
  CohortWeekStartedV1,
  type EventData,
} from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { CohortProjectionRepository } from '../persistence/cohort-projection.repository.js';

type CohortEvent =
  | EventData<typeof CohortScheduledV1>
  | EventData<typeof CohortStartedV1>
  | EventData<typeof CohortWeekStartedV1>
  | EventData<typeof CohortCompletedV1>
  | EventData<typeof CohortCancelledV1>;

/**
 * Keeps the projection of each cohort's calendar and clock: the week of a check-in and whether a
 * week is still due come from here (this service never reads the cohorts database).
 */
@Injectable()
@HandlesEvents(CohortScheduledV1, CohortStartedV1, CohortWeekStartedV1, CohortCompletedV1, CohortCancelledV1)
export class CohortCalendarHandler implements IntegrationEventHandler<CohortEvent> {
  constructor(private readonly cohorts: CohortProjectionRepository) {}

  async handle(event: ConsumedEvent<CohortEvent>, tx: EntityManager): Promise<void> {
    const at = new Date(event.time);
    switch (event.type) {
      case CohortScheduledV1.type: {
        const d = event.data as EventData<typeof CohortScheduledV1>;
        await this.cohorts.recordScheduled(
          tx,
          { cohortId: d.cohortId, name: d.name, startDate: d.startDate, weeks: d.weeks, timezone: d.timezone },
          at,
        );
        return;
      }
      case CohortStartedV1.type: {
        const d = event.data as EventData<typeof CohortStartedV1>;
        await this.cohorts.recordStarted(
          tx,
          { cohortId: d.cohortId, startDate: d.startDate, weeks: d.weeks, timezone: d.timezone },
          at,
        );
        return;
      }
      case CohortWeekStartedV1.type: {
        const d = event.data as EventData<typeof CohortWeekStartedV1>;
        await this.cohorts.recordWeekStarted(
          tx,
          { cohortId: d.cohortId, week: d.week, startsOn: d.startsOn, endsOn: d.endsOn, weeks: d.weeks },
          at,
        );
        return;
      }
      case CohortCompletedV1.type:
        await this.cohorts.moveStatus(
          tx,
          (event.data as EventData<typeof CohortCompletedV1>).cohortId,
          'COMPLETED',
          at,
        );
        return;
      case CohortCancelledV1.type:
        await this.cohorts.moveStatus(
          tx,
          (event.data as EventData<typeof CohortCancelledV1>).cohortId,
          'CANCELLED',
          at,
        );
        return;
    }
  }
}
