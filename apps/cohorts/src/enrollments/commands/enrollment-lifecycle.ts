import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Work } from '#messaging';
import type { CohortDomainEvent } from '../../shared/domain/cohort-events.js';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import {
  Enrollment,
  type EnrollmentSnapshot,
  type ExtensionSource,
  type FinalOutcome,
  type OfferRecommendation,
} from '../domain/enrollment.js';
import { presentationsWindow, totalExtensionWeeks, type InternCalendar } from '#calendar';
import { slotEndsAt } from '../../presentations/domain/presentation-slot.js';
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

  /**
   * Completes an internship with its final outcome (`InternCompleted`) and keeps the return-offer
   * recommendation; null when there is no such enrollment.
   */
  async complete(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    outcome: FinalOutcome,
    recommendation: OfferRecommendation | null = null,
  ): Promise<EnrollmentSnapshot | null> {
    return this.uow.join(tx, async ({ track }) => {
      const enrollment = track(await this.enrollments.find(tx, cohortId, internId, { forUpdate: true }));
      if (!enrollment) return null;
      enrollment.complete(outcome, this.clock.now(), recommendation);
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
    await this.cohorts.scheduleExtendedWeeks(tx, found.toSnapshot(), enrollment.extensionWeeks);
    await this.releaseBookingOutside(tx, track, cohortId, internId, calendar);
    return enrollment.toSnapshot();
  }

  /**
   * Takes back the extension stored under `sourceRef` (a corrected midpoint decision): the grant
   * is deleted, the enrollment's total and calendar recomputed (`InternshipExtensionRevoked` with
   * the grants left), the clock's weeks past the cohort's end that no ongoing intern needs any more
   * removed, and a booking outside the new presentations week cancelled. Null when there is no
   * such extension or enrollment.
   */
  revokeExtension(
    tx: EntityManager,
    request: { cohortId: string; internId: string; sourceRef: string; reason: string },
  ): Promise<EnrollmentSnapshot | null> {
    return this.uow.join(tx, async ({ track }) => {
      const { cohortId, internId } = request;
      const cohort = await this.cohorts.findById(tx, cohortId, { forUpdate: true });
      if (!cohort) return null;
      const enrollment = track(await this.enrollments.find(tx, cohortId, internId, { forUpdate: true }));
      if (!enrollment) return null;
      const grants = await this.enrollments.extensionsOf(tx, enrollment.id);
      const revoked = grants.find((g) => g.sourceRef === request.sourceRef);
      if (!revoked) return null;
      const { calendar } = enrollment.revokeExtension(revoked, grants, cohort.toSnapshot(), request.reason);
      await this.enrollments.deleteExtension(tx, revoked.id);
      await this.enrollments.update(tx, enrollment);
      const extended = await this.enrollments.extendedOf(tx, cohortId);
      const most = Math.max(0, ...[...extended.values()].map(totalExtensionWeeks));
      await this.cohorts.trimExtendedWeeks(tx, cohort.toSnapshot(), most);
      await this.releaseBookingOutside(tx, track, cohortId, internId, calendar);
      return enrollment.toSnapshot();
    });
  }

  /**
   * Why an extension of `weeks` would be refused (beyond 5 weeks in total, the program over, the
   * cohort cancelled, the enrollment over), judged as if the extension stored under `without` were
   * already revoked; null when it would be granted. Changes nothing.
   */
  async extensionRefusal(
    tx: EntityManager,
    request: { cohortId: string; internId: string; weeks: number; without: string | null },
  ): Promise<string | null> {
    const cohort = await this.cohorts.findById(tx, request.cohortId, { forUpdate: true });
    const enrollment = await this.enrollments.find(tx, request.cohortId, request.internId, { forUpdate: true });
    if (!cohort || !enrollment) return 'no such enrollment';
    const grants = (await this.enrollments.extensionsOf(tx, enrollment.id)).filter(
      (g) => request.without === null || g.sourceRef !== request.without,
    );
    const trial = Enrollment.rehydrate({ ...enrollment.toSnapshot(), extensionWeeks: totalExtensionWeeks(grants) });
    try {
      trial.extend(
        { weeks: request.weeks, reason: 'midpoint decision', source: 'MIDPOINT_DECISION' },
        { cohort: cohort.toSnapshot(), grants, now: this.clock.now() },
      );
      return null;
    } catch (err) {
      if (err instanceof ValidationError) return err.violations.map((v) => `${v.field} ${v.message}`).join('; ');
      if (err instanceof ConflictError) return err.message;
      throw err;
    }
  }

  /** Publishes that a midpoint EXTEND was refused (`InternshipExtensionRefused`); changes nothing else. */
  refuseExtension(
    tx: EntityManager,
    request: {
      cohortId: string;
      internId: string;
      evaluationId: string;
      mentorId: string;
      weeks: number;
      reason: string;
    },
  ): Promise<void> {
    return this.uow.join(tx, async ({ track }) => {
      const enrollment = track(await this.enrollments.find(tx, request.cohortId, request.internId));
      enrollment?.refuseExtension({
        evaluationId: request.evaluationId,
        mentorId: request.mentorId,
        requestedWeeks: request.weeks,
        reason: request.reason,
      });
    });
  }

  /**
   * Replaces a COMPLETED enrollment's outcome (`InternCompleted` again when it differs) and its
   * return-offer recommendation (kept silently: the offer's status stays as recorded).
   */
  correctOutcome(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    outcome: FinalOutcome,
    recommendation: OfferRecommendation | null = null,
  ): Promise<boolean> {
    return this.uow.join(tx, async ({ track }) => {
      const enrollment = track(await this.enrollments.find(tx, cohortId, internId, { forUpdate: true }));
      if (!enrollment) return false;
      const recommended = recommendation !== null && enrollment.recommendOffer(recommendation);
      const corrected = enrollment.correctOutcome(outcome);
      if (!recommended && !corrected) return false;
      await this.enrollments.update(tx, enrollment);
      return corrected;
    });
  }

  /** Cancels the intern's booking when it lies outside the presentations week of `calendar`. */
  private async releaseBookingOutside(
    tx: EntityManager,
    track: Work<CohortDomainEvent>['track'],
    cohortId: string,
    internId: string,
    calendar: InternCalendar,
  ): Promise<void> {
    const booking = track(await this.slots.bookingOf(tx, cohortId, internId));
    if (!booking) return;
    const window = presentationsWindow(calendar);
    const s = booking.toSnapshot();
    if (s.startsAt < window.startsAt || slotEndsAt(s) > window.endsAt) {
      booking.release();
      await this.slots.release(tx, s.id, internId);
    }
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
