import { Injectable } from '@nestjs/common';
import {
  CohortCancelledV1,
  CohortCompletedV1,
  CohortScheduledV1,
  CohortStartedV1,
  CohortUpdatedV1,
  CohortWeekStartedV1,
} from '#contracts';
import { on, type ConsumesEvents } from '#messaging';
import { CohortProjectionRepository } from '../persistence/cohort-projection.repository.js';

/**
 * Keeps the projection of each cohort's calendar and clock: the week of a check-in and whether a
 * week is still due come from here (this service never reads the cohorts database).
 */
@Injectable()
export class CohortCalendarProjection implements ConsumesEvents {
  readonly handlers = [
    on(CohortScheduledV1, (d, meta, tx) =>
      this.cohorts.recordScheduled(
        tx,
        { cohortId: d.cohortId, name: d.name, startDate: d.startDate, weeks: d.weeks, timezone: d.timezone },
        new Date(meta.time),
      ),
    ),
    // The whole cohort as it now stands (SPEC §7 updateCohort): the calendar follows, so the week
    // of a check-in and the weeks checked for missed check-ins do too; the clock and status stay.
    on(CohortUpdatedV1, (d, meta, tx) =>
      this.cohorts.recordScheduled(
        tx,
        { cohortId: d.cohortId, name: d.name, startDate: d.startDate, weeks: d.weeks, timezone: d.timezone },
        new Date(meta.time),
      ),
    ),
    on(CohortStartedV1, (d, meta, tx) =>
      this.cohorts.recordStarted(
        tx,
        { cohortId: d.cohortId, startDate: d.startDate, weeks: d.weeks, timezone: d.timezone },
        new Date(meta.time),
      ),
    ),
    on(CohortWeekStartedV1, (d, meta, tx) =>
      this.cohorts.recordWeekStarted(
        tx,
        { cohortId: d.cohortId, week: d.week, startsOn: d.startsOn, endsOn: d.endsOn, weeks: d.weeks },
        new Date(meta.time),
      ),
    ),
    on(CohortCompletedV1, (d, meta, tx) => this.cohorts.moveStatus(tx, d.cohortId, 'COMPLETED', new Date(meta.time))),
    on(CohortCancelledV1, (d, meta, tx) => this.cohorts.moveStatus(tx, d.cohortId, 'CANCELLED', new Date(meta.time))),
  ];

  constructor(private readonly cohorts: CohortProjectionRepository) {}
}
