import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Work } from '#messaging';
import type { CohortDomainEvent } from '../../shared/domain/cohort-events.js';
import { NotFoundError } from '#ddd';
import type { Enrollment, EnrollmentSnapshot, ExtensionSource, FinalOutcome } from '../domain/enrollment.js';
import { presentationsWindow } from '#calendar';
import { slotEndsAt } from '../../presentations/domain/presentation-slot.js';
import { scheduleExtendedWeeks } from '../../program-clock/persistence/clock-events.js';
import { CohortsCommandHandler } from '../../shared/commands/cohorts-command-handler.js';

export interface ExtendInternshipRequest {
  cohortId: string;
  internId: string;
  weeks: unknown;
  reason: unknown;
  source: ExtensionSource;
  /** The evaluation a MIDPOINT_DECISION came from: the same one extends once. */
  sourceRef: string | null;
  grantedBy: string;
}

/**
 * The ends and extensions of enrollments, shared by the PM's mutations and the handlers of the
 * evaluations context's decisions. Each joins the caller's transaction (`uow.join`), which appends
 * the events of what it tracks to the outbox there. Lock order: cohort, enrollment, slot.
 */
@Injectable()
export class EnrollmentLifecycle extends CohortsCommandHandler {
  /** Withdraws an intern (PM): WITHDRAWN, their place and any booking freed, `InternWithdrawn`. */
  async withdraw(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    reason: unknown,
    by: string,
  ): Promise<EnrollmentSnapshot> {
    return this.end(tx, cohortId, internId, (e, now) => e.withdraw(reason, by, now));
  }

  /**
   * Terminates an internship (a midpoint TERMINATE): TERMINATED, place and booking freed,
   * `InternTerminated`. Returns null when there is no such enrollment.
   */
  async terminate(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    reason: string,
  ): Promise<EnrollmentSnapshot | null> {
    const exists = await this.enrollments.find(tx, cohortId, internId);
    if (!exists) return null;
    return this.end(tx, cohortId, internId, (e, now) => e.terminate(reason, now));
  }

  /** Completes an internship with its final outcome (`InternCompleted`); null when there is no such enrollment. */
  async complete(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    outcome: FinalOutcome,
  ): Promise<EnrollmentSnapshot | null> {
    return this.uow.join(tx, async ({ track }) => {
      const enrollment = track(await this.enrollments.find(tx, cohortId, internId, { forUpdate: true }));
      if (!enrollment) return null;
      enrollment.complete(outcome, this.clock.now());
      await this.enrollments.update(tx, enrollment);
      return enrollment.toSnapshot();
    });
  }

  /**
   * Extends an internship: the grant, the enrollment's total and `InternshipExtended` with the
   * new dates commit together; a booking outside the intern's new presentations week is
   * cancelled (`PresentationBookingCancelled`). Returns null when `sourceRef` was applied before.
   */
  extend(tx: EntityManager, request: ExtendInternshipRequest): Promise<EnrollmentSnapshot | null> {
    return this.uow.join(tx, ({ track }) => this.extendIn(tx, track, request));
  }

  private async extendIn(
    tx: EntityManager,
    track: Work<CohortDomainEvent>['track'],
    request: ExtendInternshipRequest,
  ): Promise<EnrollmentSnapshot | null> {
    const { cohortId, internId } = request;
    // The cohort row is locked: the extension may add weeks to the cohort's clock.
    const found = await this.cohorts.findById(tx, cohortId, { forUpdate: true });
    if (!found) throw new NotFoundError('Cohort', cohortId);
    const enrollment = track(await this.enrollments.find(tx, cohortId, internId, { forUpdate: true }));
    if (!enrollment) throw new NotFoundError('Enrollment', `of intern ${internId} in cohort ${cohortId}`);
    if (request.sourceRef && (await this.enrollments.hasExtensionFrom(tx, request.sourceRef))) return null;
    const now = this.clock.now();
    const grants = await this.enrollments.extensionsOf(tx, enrollment.id);
    const { grant, calendar } = enrollment.extend(
      { weeks: request.weeks, reason: request.reason, source: request.source },
      { cohort: found.toSnapshot(), grants, now },
    );
    const stored = await this.enrollments.insertExtension(tx, {
      id: randomUUID(),
      enrollmentId: enrollment.id,
      ...grant,
      reason: String(request.reason).trim(),
      source: request.source,
      sourceRef: request.sourceRef,
      grantedBy: request.grantedBy,
      grantedAt: now,
    });
    if (!stored) return null;
    await this.enrollments.update(tx, enrollment);
    await scheduleExtendedWeeks(tx, found.toSnapshot(), enrollment.extensionWeeks);
    const booking = track(await this.slots.bookingOf(tx, cohortId, internId));
    if (booking) {
      const window = presentationsWindow(calendar);
      const s = booking.toSnapshot();
      if (s.startsAt < window.startsAt || slotEndsAt(s) > window.endsAt) {
        booking.release();
        await this.slots.release(tx, s.id, internId);
      }
    }
    return enrollment.toSnapshot();
  }

  private end(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    change: (enrollment: Enrollment, now: Date) => void,
  ): Promise<EnrollmentSnapshot> {
    return this.uow.join(tx, async ({ track }) => {
      const cohort = await this.cohorts.findById(tx, cohortId, { forUpdate: true });
      if (!cohort) throw new NotFoundError('Cohort', cohortId);
      const enrollment = track(await this.enrollments.find(tx, cohortId, internId, { forUpdate: true }));
      if (!enrollment) throw new NotFoundError('Enrollment', `of intern ${internId} in cohort ${cohortId}`);
      const now = this.clock.now();
      change(enrollment, now);
      cohort.releasePlace();
      await this.enrollments.update(tx, enrollment);
      await this.cohorts.update(tx, cohort, now);
      const booking = track(await this.slots.bookingOf(tx, cohortId, internId));
      if (booking) {
        booking.release();
        await this.slots.release(tx, booking.id, internId);
      }
      return enrollment.toSnapshot();
    });
  }
}
