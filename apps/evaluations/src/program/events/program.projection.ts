import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CohortCancelledV1,
  CohortCompletedV1,
  CohortPhaseChangedV1,
  CohortScheduledV1,
  CohortStartedV1,
  CohortUpdatedV1,
  CohortWeekStartedV1,
  erasedValue,
  InternCompletedV1,
  InternEnrolledV1,
  InternReinstatedV1,
  InternshipExtendedV1,
  InternshipExtensionRevokedV1,
  InternTerminatedV1,
  InternWithdrawnV1,
  PresentationBookingCancelledV1,
  PresentationSlotBookedV1,
  PresentationSlotOpenedV1,
} from '#contracts';
import { on, projectEnrollment, type ConsumesEvents } from '#messaging';
import { WindowAnnouncer } from '../../evaluations/events/window-announcer.js';
import { InternErasureRepository } from '../persistence/intern-erasure.repository.js';
import { ProgramProjectionRepository, type ClockChange } from '../persistence/program-projection.repository.js';

/**
 * What the evaluations service keeps of the cohorts context for its commands: each cohort's
 * calendar and clock, the interns' enrollments (running or ended) with their extensions, and the
 * presentation slots with their panels and bookings. All of a cohort's events share its Kafka key,
 * so they arrive here in order. After the clock moves (or an intern's enrollment or extension
 * changes) the WindowAnnouncer publishes the evaluation reminders and overdue notices due.
 */
@Injectable()
export class ProgramProjection implements ConsumesEvents {
  readonly handlers = [
    on(CohortScheduledV1, (d, _meta, tx) => this.program.cohortScheduled(tx, d)),
    // The whole cohort as it now stands: its calendar (only changed while SCHEDULED) moves the windows.
    on(CohortUpdatedV1, async (d, _meta, tx) => {
      await this.program.cohortScheduled(tx, d);
      await this.windows.sync(tx, d.cohortId);
    }),
    on(CohortStartedV1, (d, _meta, tx) =>
      this.clock(
        tx,
        d.cohortId,
        { startDate: d.startDate, weeks: d.weeks, timezone: d.timezone, status: 'IN_PROGRESS' },
        false,
      ),
    ),
    on(CohortWeekStartedV1, (d, _meta, tx) =>
      this.clock(tx, d.cohortId, { weeks: d.weeks, week: d.week, status: 'IN_PROGRESS' }),
    ),
    on(CohortPhaseChangedV1, (d, _meta, tx) => this.clock(tx, d.cohortId, { week: d.week })),
    on(CohortCompletedV1, (d, _meta, tx) =>
      this.clock(tx, d.cohortId, { weeks: d.weeks, week: d.weeks + 1, status: 'COMPLETED' }),
    ),
    on(CohortCancelledV1, (d, _meta, tx) => this.clock(tx, d.cohortId, { status: 'CANCELLED' }, false)),
    on(InternEnrolledV1, async (d, meta, tx) => {
      await projectEnrollment(tx, d, new Date(meta.time));
      // An erased intern's enrollment replayed (or told late) brings no name back.
      await this.erasure.keepErased(tx, d.internId, erasedValue('intern', 'name', d.internId));
      await this.windows.sync(tx, d.cohortId, d.internId);
    }),
    on(InternWithdrawnV1, (d, meta, tx) => this.program.enrollmentEnded(tx, d, 'WITHDRAWN', new Date(meta.time))),
    on(InternTerminatedV1, (d, meta, tx) => this.program.enrollmentEnded(tx, d, 'TERMINATED', new Date(meta.time))),
    on(InternCompletedV1, (d, meta, tx) => this.program.enrollmentEnded(tx, d, 'COMPLETED', new Date(meta.time))),
    on(InternshipExtendedV1, async (d, meta, tx) => {
      if (await this.program.extensionGranted(tx, d, meta.id)) await this.windows.sync(tx, d.cohortId, d.internId);
    }),
    // Evaluable again, as before the withdrawal: the windows of the clock's current week apply.
    on(InternReinstatedV1, async (d, _meta, tx) => {
      if (await this.program.reinstated(tx, d)) await this.windows.sync(tx, d.cohortId, d.internId);
    }),
    // The list the intern keeps replaces ours: the windows move back.
    on(InternshipExtensionRevokedV1, async (d, meta, tx) => {
      if (await this.program.extensionsReplaced(tx, d, meta.id)) await this.windows.sync(tx, d.cohortId, d.internId);
    }),
    on(PresentationSlotOpenedV1, (d, _meta, tx) => this.program.slotOpened(tx, d)),
    on(PresentationSlotBookedV1, (d, _meta, tx) => this.program.slotBooked(tx, d)),
    on(PresentationBookingCancelledV1, (d, _meta, tx) => this.program.bookingCancelled(tx, d)),
  ];

  constructor(
    private readonly program: ProgramProjectionRepository,
    private readonly windows: WindowAnnouncer,
    private readonly erasure: InternErasureRepository,
  ) {}

  /** Moves the cohort's clock, then (unless told not to) announces the evaluation windows it opened or closed. */
  private async clock(tx: EntityManager, cohortId: string, change: ClockChange, announce = true): Promise<void> {
    await this.program.clock(tx, cohortId, change);
    if (announce) await this.windows.sync(tx, cohortId);
  }
}
