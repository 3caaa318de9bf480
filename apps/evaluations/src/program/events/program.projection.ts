import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CohortCancelledV1,
  CohortCompletedV1,
  CohortPhaseChangedV1,
  CohortScheduledV1,
  CohortStartedV1,
  CohortWeekStartedV1,
  InternCompletedV1,
  InternEnrolledV1,
  InternshipExtendedV1,
  InternTerminatedV1,
  InternWithdrawnV1,
  PresentationBookingCancelledV1,
  PresentationSlotBookedV1,
  PresentationSlotOpenedV1,
  type EventData,
} from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { WindowAnnouncer } from '../../evaluations/events/window-announcer.js';
import { CohortClockOrmEntity } from '../persistence/cohort-clock.orm-entity.js';
import { InternOrmEntity, type EnrollmentState, type StoredExtension } from '../persistence/intern.orm-entity.js';

type D<C> = EventData<C>;

/**
 * What the evaluations service keeps of the cohorts context for its commands: each cohort's
 * calendar and clock, the interns' enrollments (running or ended) with their extensions, and the
 * presentation slots with their panels and bookings. All of a cohort's events share its Kafka key,
 * so they arrive here in order. After the clock moves (or an intern's enrollment or extension
 * changes) the WindowAnnouncer publishes the evaluation reminders and overdue notices due.
 */
@Injectable()
@HandlesEvents(
  CohortScheduledV1,
  CohortStartedV1,
  CohortWeekStartedV1,
  CohortPhaseChangedV1,
  CohortCompletedV1,
  CohortCancelledV1,
  InternEnrolledV1,
  InternWithdrawnV1,
  InternTerminatedV1,
  InternCompletedV1,
  InternshipExtendedV1,
  PresentationSlotOpenedV1,
  PresentationSlotBookedV1,
  PresentationBookingCancelledV1,
)
export class ProgramProjection implements IntegrationEventHandler<unknown> {
  constructor(private readonly windows: WindowAnnouncer) {}

  async handle(event: ConsumedEvent<unknown>, tx: EntityManager): Promise<void> {
    switch (event.type) {
      case CohortScheduledV1.type: {
        const d = event.data as D<typeof CohortScheduledV1>;
        await tx.query(
          `INSERT INTO eval_cohorts (cohort_id, name, start_date, weeks, timezone) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (cohort_id) DO UPDATE SET name = EXCLUDED.name, start_date = EXCLUDED.start_date,
             weeks = EXCLUDED.weeks, timezone = EXCLUDED.timezone`,
          [d.cohortId, d.name, d.startDate, d.weeks, d.timezone],
        );
        return;
      }
      case CohortStartedV1.type: {
        const d = event.data as D<typeof CohortStartedV1>;
        await this.clock(tx, d.cohortId, {
          startDate: d.startDate,
          weeks: d.weeks,
          timezone: d.timezone,
          status: 'IN_PROGRESS',
        });
        return;
      }
      case CohortWeekStartedV1.type: {
        const d = event.data as D<typeof CohortWeekStartedV1>;
        await this.clock(tx, d.cohortId, { weeks: d.weeks, week: d.week, status: 'IN_PROGRESS' });
        await this.windows.sync(tx, d.cohortId);
        return;
      }
      case CohortPhaseChangedV1.type: {
        const d = event.data as D<typeof CohortPhaseChangedV1>;
        await this.clock(tx, d.cohortId, { week: d.week });
        await this.windows.sync(tx, d.cohortId);
        return;
      }
      case CohortCompletedV1.type: {
        const d = event.data as D<typeof CohortCompletedV1>;
        await this.clock(tx, d.cohortId, { weeks: d.weeks, week: d.weeks + 1, status: 'COMPLETED' });
        await this.windows.sync(tx, d.cohortId);
        return;
      }
      case CohortCancelledV1.type: {
        const d = event.data as D<typeof CohortCancelledV1>;
        await this.clock(tx, d.cohortId, { status: 'CANCELLED' });
        return;
      }
      case InternEnrolledV1.type: {
        const d = event.data as D<typeof InternEnrolledV1>;
        await tx.query(
          `INSERT INTO interns (intern_id, cohort_id, enrollment_id, name, enrolled_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (intern_id, cohort_id) DO UPDATE SET enrollment_id = EXCLUDED.enrollment_id, name = EXCLUDED.name,
             enrolled_at = EXCLUDED.enrolled_at`,
          [d.internId, d.cohortId, d.enrollmentId, d.name, new Date(event.time)],
        );
        await this.windows.sync(tx, d.cohortId, d.internId);
        return;
      }
      case InternWithdrawnV1.type:
      case InternTerminatedV1.type:
      case InternCompletedV1.type: {
        const d = event.data as D<typeof InternWithdrawnV1>;
        const status: EnrollmentState =
          event.type === InternWithdrawnV1.type
            ? 'WITHDRAWN'
            : event.type === InternTerminatedV1.type
              ? 'TERMINATED'
              : 'COMPLETED';
        await tx.update(
          InternOrmEntity,
          { internId: d.internId, cohortId: d.cohortId },
          { status, endedAt: new Date(event.time) },
        );
        return;
      }
      case InternshipExtendedV1.type: {
        const d = event.data as D<typeof InternshipExtendedV1>;
        const intern = await tx.findOneBy(InternOrmEntity, { internId: d.internId, cohortId: d.cohortId });
        if (!intern || intern.extensions.some((e) => e.eventId === event.id)) return;
        // Producers that leave out extendedAfterWeek: the extension starts after the current week
        // (the cohort's clock events share this partition, so the row is up to date here).
        const clock = await tx.findOneBy(CohortClockOrmEntity, { cohortId: d.cohortId });
        const extension: StoredExtension = {
          eventId: event.id,
          weeks: d.weeks,
          afterWeek: d.extendedAfterWeek ?? Math.max(clock?.currentWeek ?? 0, 2),
        };
        await tx.update(
          InternOrmEntity,
          { internId: d.internId, cohortId: d.cohortId },
          { extensions: [...intern.extensions, extension] },
        );
        await this.windows.sync(tx, d.cohortId, d.internId);
        return;
      }
      case PresentationSlotOpenedV1.type: {
        const d = event.data as D<typeof PresentationSlotOpenedV1>;
        await tx.query(
          `INSERT INTO presentation_slots (slot_id, cohort_id, starts_at, duration_minutes, panel_mentor_ids)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (slot_id) DO UPDATE SET starts_at = EXCLUDED.starts_at, duration_minutes = EXCLUDED.duration_minutes,
             panel_mentor_ids = EXCLUDED.panel_mentor_ids`,
          [d.slotId, d.cohortId, new Date(d.startsAt), d.durationMinutes, d.panelMentorIds],
        );
        return;
      }
      case PresentationSlotBookedV1.type: {
        const d = event.data as D<typeof PresentationSlotBookedV1>;
        await tx.query(
          `INSERT INTO presentation_slots (slot_id, cohort_id, starts_at, panel_mentor_ids, intern_id) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (slot_id) DO UPDATE SET intern_id = EXCLUDED.intern_id, panel_mentor_ids = EXCLUDED.panel_mentor_ids,
             starts_at = EXCLUDED.starts_at`,
          [d.slotId, d.cohortId, new Date(d.startsAt), d.panelMentorIds, d.internId],
        );
        return;
      }
      case PresentationBookingCancelledV1.type: {
        const d = event.data as D<typeof PresentationBookingCancelledV1>;
        await tx.query(`UPDATE presentation_slots SET intern_id = NULL WHERE slot_id = $1 AND intern_id = $2`, [
          d.slotId,
          d.internId,
        ]);
        return;
      }
      default:
        throw new Error(`ProgramProjection does not handle ${event.type}`);
    }
  }

  /** Moves a cohort's clock forward (never back) and fills in what the event knows of its calendar. */
  private async clock(
    tx: EntityManager,
    cohortId: string,
    change: { startDate?: string; weeks?: number; timezone?: string; week?: number; status?: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO eval_cohorts (cohort_id, start_date, weeks, timezone, current_week, status)
       VALUES ($1, $2, $3, $4, COALESCE($5, 0), COALESCE($6, 'SCHEDULED'))
       ON CONFLICT (cohort_id) DO UPDATE SET
         start_date = COALESCE(eval_cohorts.start_date, EXCLUDED.start_date),
         weeks = COALESCE($3, eval_cohorts.weeks),
         timezone = COALESCE(eval_cohorts.timezone, EXCLUDED.timezone),
         current_week = GREATEST(eval_cohorts.current_week, COALESCE($5, 0)),
         status = CASE
           WHEN eval_cohorts.status IN ('CANCELLED', 'COMPLETED') THEN eval_cohorts.status
           ELSE COALESCE($6, eval_cohorts.status) END`,
      [
        cohortId,
        change.startDate ?? null,
        change.weeks ?? null,
        change.timezone ?? null,
        change.week ?? null,
        change.status ?? null,
      ],
    );
  }
}
