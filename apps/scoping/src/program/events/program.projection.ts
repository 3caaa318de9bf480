import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CohortCompletedV1,
  CohortScheduledV1,
  CohortWeekStartedV1,
  InternEnrolledV1,
  InternshipExtendedV1,
  InternTerminatedV1,
  InternWithdrawnV1,
  type EventData,
} from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';

type CohortScheduled = EventData<typeof CohortScheduledV1>;
type CohortWeekStarted = EventData<typeof CohortWeekStartedV1>;
type CohortCompleted = EventData<typeof CohortCompletedV1>;
type InternEnrolled = EventData<typeof InternEnrolledV1>;
type InternshipExtended = EventData<typeof InternshipExtendedV1>;
type InternLeft = EventData<typeof InternWithdrawnV1> | EventData<typeof InternTerminatedV1>;

/**
 * Keeps scoping's projections of the cohorts context: each cohort's calendar (start date, weeks,
 * timezone) and clock (its current week), each intern's cohort and status, and their extensions.
 * Runs inside the inbox transaction, so a redelivered event changes nothing; every write is also
 * idempotent on its own (the clock only moves forward, an extension is keyed by its running total).
 */
@Injectable()
@HandlesEvents(
  CohortScheduledV1,
  InternEnrolledV1,
  CohortWeekStartedV1,
  CohortCompletedV1,
  InternshipExtendedV1,
  InternWithdrawnV1,
  InternTerminatedV1,
)
export class ProgramProjection implements IntegrationEventHandler {
  async handle(event: ConsumedEvent<unknown>, tx: EntityManager): Promise<void> {
    switch (event.type) {
      case CohortScheduledV1.type: {
        const d = event.data as CohortScheduled;
        await tx.query(
          `INSERT INTO cohorts (cohort_id, name, start_date, weeks, timezone, scheduled_at)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (cohort_id) DO UPDATE
             SET name = EXCLUDED.name, start_date = EXCLUDED.start_date, weeks = EXCLUDED.weeks,
                 timezone = EXCLUDED.timezone, scheduled_at = EXCLUDED.scheduled_at`,
          [d.cohortId, d.name, d.startDate, d.weeks, d.timezone, new Date(event.time)],
        );
        return;
      }
      case InternEnrolledV1.type: {
        const d = event.data as InternEnrolled;
        await tx.query(
          `INSERT INTO interns (intern_id, cohort_id, enrollment_id, name, enrolled_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (intern_id, cohort_id) DO UPDATE
             SET enrollment_id = EXCLUDED.enrollment_id, name = EXCLUDED.name, enrolled_at = EXCLUDED.enrolled_at`,
          [d.internId, d.cohortId, d.enrollmentId, d.name, new Date(event.time)],
        );
        return;
      }
      case CohortWeekStartedV1.type: {
        const d = event.data as CohortWeekStarted;
        await tx.query(`UPDATE cohorts SET current_week = GREATEST(current_week, $2) WHERE cohort_id = $1`, [
          d.cohortId,
          d.week,
        ]);
        return;
      }
      case CohortCompletedV1.type: {
        const d = event.data as CohortCompleted;
        await tx.query(`UPDATE cohorts SET current_week = GREATEST(current_week, $2) WHERE cohort_id = $1`, [
          d.cohortId,
          d.weeks + 1,
        ]);
        return;
      }
      case InternshipExtendedV1.type: {
        const d = event.data as InternshipExtended;
        await tx.query(
          `INSERT INTO intern_extensions (cohort_id, intern_id, total_weeks, weeks, after_week, granted_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [d.cohortId, d.internId, d.totalExtensionWeeks, d.weeks, d.extendedAfterWeek ?? null, new Date(event.time)],
        );
        return;
      }
      case InternWithdrawnV1.type:
      case InternTerminatedV1.type: {
        const d = event.data as InternLeft;
        await tx.query(
          `UPDATE interns SET status = $3, ended_at = COALESCE(ended_at, $4) WHERE intern_id = $1 AND cohort_id = $2`,
          [
            d.internId,
            d.cohortId,
            event.type === InternWithdrawnV1.type ? 'WITHDRAWN' : 'TERMINATED',
            new Date(event.time),
          ],
        );
        return;
      }
      default:
        throw new Error(`ProgramProjection does not handle ${event.type}`);
    }
  }
}
