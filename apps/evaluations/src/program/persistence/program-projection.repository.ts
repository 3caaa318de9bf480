import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CohortScheduledV1,
  CohortUpdatedV1,
  EventData,
  InternReinstatedV1,
  InternshipExtendedV1,
  InternshipExtensionRevokedV1,
  MentorAssignedV1,
  PresentationSlotBookedV1,
  PresentationSlotOpenedV1,
} from '#contracts';
import { CohortClockOrmEntity } from './cohort-clock.orm-entity.js';
import { InternOrmEntity, type EnrollmentState, type StoredExtension } from './intern.orm-entity.js';

type Assignment = Pick<
  EventData<typeof MentorAssignedV1>,
  'assignmentId' | 'cohortId' | 'internId' | 'mentorId' | 'role'
>;

/** What a clock event knows of the cohort's calendar and clock. */
export interface ClockChange {
  startDate?: string;
  weeks?: number;
  timezone?: string;
  week?: number;
  status?: string;
}

/** The writes of the evaluations service's projections of the cohorts and mentors contexts, one per event. */
@Injectable()
export class ProgramProjectionRepository {
  /**
   * The cohort's name and calendar, as scheduled (CohortScheduled) or as it now stands after an
   * update (CohortUpdated, the whole cohort): they replace ours; the clock stays.
   */
  async cohortScheduled(
    tx: EntityManager,
    d: EventData<typeof CohortScheduledV1> | EventData<typeof CohortUpdatedV1>,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO eval_cohorts (cohort_id, name, start_date, weeks, timezone) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (cohort_id) DO UPDATE SET name = EXCLUDED.name, start_date = EXCLUDED.start_date,
         weeks = EXCLUDED.weeks, timezone = EXCLUDED.timezone`,
      [d.cohortId, d.name, d.startDate, d.weeks, d.timezone],
    );
  }

  /** Moves a cohort's clock forward (never back) and fills in what the event knows of its calendar. */
  async clock(tx: EntityManager, cohortId: string, change: ClockChange): Promise<void> {
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

  async enrollmentEnded(
    tx: EntityManager,
    d: { internId: string; cohortId: string },
    status: EnrollmentState,
    at: Date,
  ): Promise<void> {
    await tx.update(InternOrmEntity, { internId: d.internId, cohortId: d.cohortId }, { status, endedAt: at });
  }

  /**
   * Adds the extension to the intern's (once per event); false when the intern is unknown or
   * already has it. Producers that leave out extendedAfterWeek: the extension starts after the
   * current week (the cohort's clock events share this partition, so the row is up to date here).
   */
  async extensionGranted(
    tx: EntityManager,
    d: EventData<typeof InternshipExtendedV1>,
    eventId: string,
  ): Promise<boolean> {
    const intern = await tx.findOneBy(InternOrmEntity, { internId: d.internId, cohortId: d.cohortId });
    if (!intern || intern.extensions.some((e) => e.eventId === eventId)) return false;
    const clock = await tx.findOneBy(CohortClockOrmEntity, { cohortId: d.cohortId });
    const extension: StoredExtension = {
      eventId,
      weeks: d.weeks,
      afterWeek: d.extendedAfterWeek ?? Math.max(clock?.currentWeek ?? 0, 2),
      source: d.source,
    };
    await tx.update(
      InternOrmEntity,
      { internId: d.internId, cohortId: d.cohortId },
      { extensions: [...intern.extensions, extension] },
    );
    return true;
  }

  /** A withdrawn intern is evaluable again (InternReinstated); false when unknown or not withdrawn. */
  async reinstated(tx: EntityManager, d: EventData<typeof InternReinstatedV1>): Promise<boolean> {
    const result = await tx.update(
      InternOrmEntity,
      { internId: d.internId, cohortId: d.cohortId, status: 'WITHDRAWN' },
      { status: 'ENROLLED', endedAt: null },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Replaces the intern's extensions with the list the cohorts service says they keep after a
   * revocation (InternshipExtensionRevoked); false when the intern is unknown.
   */
  async extensionsReplaced(
    tx: EntityManager,
    d: EventData<typeof InternshipExtensionRevokedV1>,
    eventId: string,
  ): Promise<boolean> {
    const intern = await tx.findOneBy(InternOrmEntity, { internId: d.internId, cohortId: d.cohortId });
    if (!intern) return false;
    // Each kept extension keeps the source we knew of it; the revoked one was the midpoint
    // decision's, so one we cannot match was a program manager's.
    const unmatched = [...intern.extensions];
    const extensions: StoredExtension[] = d.extensions.map((e, i) => {
      const at = unmatched.findIndex((x) => x.weeks === e.weeks && x.afterWeek === e.afterWeek);
      const known = at >= 0 ? unmatched.splice(at, 1)[0] : undefined;
      return {
        eventId: known?.eventId ?? `${eventId}:${i}`,
        weeks: e.weeks,
        afterWeek: e.afterWeek,
        source: known?.source ?? 'PROGRAM_MANAGER',
      };
    });
    await tx.update(InternOrmEntity, { internId: d.internId, cohortId: d.cohortId }, { extensions });
    return true;
  }

  async slotOpened(tx: EntityManager, d: EventData<typeof PresentationSlotOpenedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO presentation_slots (slot_id, cohort_id, starts_at, duration_minutes, panel_mentor_ids)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (slot_id) DO UPDATE SET starts_at = EXCLUDED.starts_at, duration_minutes = EXCLUDED.duration_minutes,
         panel_mentor_ids = EXCLUDED.panel_mentor_ids`,
      [d.slotId, d.cohortId, new Date(d.startsAt), d.durationMinutes, d.panelMentorIds],
    );
  }

  async slotBooked(tx: EntityManager, d: EventData<typeof PresentationSlotBookedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO presentation_slots (slot_id, cohort_id, starts_at, panel_mentor_ids, intern_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (slot_id) DO UPDATE SET intern_id = EXCLUDED.intern_id, panel_mentor_ids = EXCLUDED.panel_mentor_ids,
         starts_at = EXCLUDED.starts_at`,
      [d.slotId, d.cohortId, new Date(d.startsAt), d.panelMentorIds, d.internId],
    );
  }

  async bookingCancelled(tx: EntityManager, d: { slotId: string; internId: string }): Promise<void> {
    await tx.query(`UPDATE presentation_slots SET intern_id = NULL WHERE slot_id = $1 AND intern_id = $2`, [
      d.slotId,
      d.internId,
    ]);
  }

  /** An assignment (kept ended when its unassignment arrived first). */
  async assigned(tx: EntityManager, a: Assignment & { assignedAt: Date }): Promise<void> {
    await tx.query(
      `INSERT INTO mentor_assignments (assignment_id, cohort_id, intern_id, mentor_id, role, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (assignment_id) DO UPDATE SET assigned_at = EXCLUDED.assigned_at`,
      [a.assignmentId, a.cohortId, a.internId, a.mentorId, a.role, a.assignedAt],
    );
  }

  /** An unassignment, recorded even before its assignment arrives. */
  async unassigned(tx: EntityManager, a: Assignment & { at: Date }): Promise<void> {
    await tx.query(
      `INSERT INTO mentor_assignments (assignment_id, cohort_id, intern_id, mentor_id, role, assigned_at, unassigned)
       VALUES ($1, $2, $3, $4, $5, $6, true)
       ON CONFLICT (assignment_id) DO UPDATE SET unassigned = true`,
      [a.assignmentId, a.cohortId, a.internId, a.mentorId, a.role, a.at],
    );
  }
}
