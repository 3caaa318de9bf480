import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { FinalOutcomeRecordedV1, MidpointDecisionMadeV1, type EventData } from '#contracts';
import { CLOCK, type Clock } from '#ddd';
import { on, type ConsumesEvents, type EventMeta } from '#messaging';
import { EnrollmentLifecycle } from '../commands/enrollment-lifecycle.js';
import { EnrollmentRepository } from '../persistence/enrollment.repository.js';
import { EnrollmentStatus } from '../domain/enrollment.js';
import {
  isStale,
  midpointSourceRef,
  midpointSteps,
  revisionOf,
  type AppliedDecision,
} from '../domain/applied-decisions.js';
import { COHORTS_LOGGER } from '../../shared/tokens.js';

type MidpointDecisionMade = EventData<typeof MidpointDecisionMadeV1>;
type FinalOutcomeRecorded = EventData<typeof FinalOutcomeRecordedV1>;

/**
 * Applies the evaluations context's decisions to the enrollment, keeping per enrollment and
 * evaluation the decision applied (`revision`, decision, extension weeks): a revision at or below
 * it changes nothing, a higher one of the same evaluation replaces it (decisions of different
 * evaluations never undo each other).
 *
 * Midpoint: EXTEND extends the internship (source MIDPOINT_DECISION), TERMINATE ends it
 * (`InternTerminated`), CONTINUE changes nothing. A correction first revokes the extension the
 * superseded EXTEND granted (`InternshipExtensionRevoked`, unless it is the same EXTEND again),
 * then extends or terminates. An EXTEND the rules refuse (beyond 5 weeks in total, the program
 * over) is published as `InternshipExtensionRefused` and changes nothing (the superseded decision
 * stays applied). Decisions about an enrollment that is over (a correction away from TERMINATE
 * included) are logged and change nothing.
 *
 * Final: the outcome completes an ongoing enrollment (`InternCompleted`), also when the cohort has
 * already completed (a late outcome); a higher revision for a COMPLETED enrollment with another
 * outcome replaces it and publishes `InternCompleted` again with the corrected outcome. The
 * return-offer recommendation of the latest revision applied is kept on the enrollment.
 */
@Injectable()
export class EvaluationDecisionsConsumer implements ConsumesEvents {
  readonly handlers = [
    on(MidpointDecisionMadeV1, (d, meta, tx) => this.midpoint(d, meta, tx)),
    on(FinalOutcomeRecordedV1, (d, meta, tx) => this.final(d, meta, tx)),
  ];

  constructor(
    private readonly enrollments: EnrollmentRepository,
    private readonly lifecycle: EnrollmentLifecycle,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COHORTS_LOGGER) private readonly logger: Logger,
  ) {}

  private async midpoint(d: MidpointDecisionMade, meta: EventMeta, tx: EntityManager): Promise<void> {
    const enrollment = await this.enrollments.find(tx, d.cohortId, d.internId);
    if (!enrollment) return this.skip(meta, d, null, 'midpoint decision about no enrollment here');
    const applied = await this.enrollments.appliedDecision(tx, enrollment.id, d.evaluationId);
    if (isStale(applied, d))
      return this.skip(meta, d, enrollment.status, 'midpoint decision no newer than the one applied');
    if (!enrollment.ongoing) {
      // A correction of a TERMINATE (or any decision) for an enrollment that is over: it stays over.
      return this.skip(meta, d, enrollment.status, 'midpoint decision about an enrollment that is over');
    }
    if (d.decision === 'EXTEND' && d.extensionWeeks === null) {
      throw new Error(`EXTEND decision of evaluation ${d.evaluationId} has no extensionWeeks`);
    }
    const steps = midpointSteps(applied, d);
    const revoke = steps.find((s) => s.kind === 'REVOKE');
    const extend = steps.find((s) => s.kind === 'EXTEND');
    const ref = { cohortId: d.cohortId, internId: d.internId };
    if (extend) {
      const refusal = await this.lifecycle.extensionRefusal(tx, {
        ...ref,
        weeks: extend.weeks,
        without: revoke ? midpointSourceRef(revoke.evaluationId) : null,
      });
      if (refusal) {
        this.logger.warn({ eventId: meta.id, ...ref, refusal }, 'midpoint EXTEND refused');
        await this.lifecycle.refuseExtension(tx, {
          ...ref,
          evaluationId: d.evaluationId,
          mentorId: d.mentorId,
          weeks: extend.weeks,
          reason: refusal,
        });
        return;
      }
    }
    const why = `midpoint decision ${d.decision} (evaluation ${d.evaluationId}, revision ${revisionOf(d)})`;
    for (const step of steps) {
      if (step.kind === 'REVOKE') {
        await this.lifecycle.revokeExtension(tx, {
          ...ref,
          sourceRef: midpointSourceRef(step.evaluationId),
          reason: `${why} supersedes EXTEND ${step.weeks}`,
        });
      } else if (step.kind === 'EXTEND') {
        await this.lifecycle.extend(tx, {
          ...ref,
          weeks: step.weeks,
          reason: why,
          source: 'MIDPOINT_DECISION',
          sourceRef: midpointSourceRef(d.evaluationId),
          grantedBy: d.mentorId,
        });
      } else {
        await this.lifecycle.terminate(tx, d.cohortId, d.internId, why);
      }
    }
    await this.record(tx, enrollment.id, 'MIDPOINT', d, d.decision, d.decision === 'EXTEND' ? d.extensionWeeks : null);
  }

  private async final(d: FinalOutcomeRecorded, meta: EventMeta, tx: EntityManager): Promise<void> {
    const enrollment = await this.enrollments.find(tx, d.cohortId, d.internId);
    if (!enrollment) return this.skip(meta, d, null, 'final outcome about no enrollment here');
    // A COMPLETED enrollment without a record completed before revisions were kept: at revision 1.
    const applied =
      (await this.enrollments.appliedDecision(tx, enrollment.id, d.evaluationId)) ??
      (enrollment.status === EnrollmentStatus.COMPLETED ? { evaluationId: d.evaluationId, revision: 1 } : null);
    if (isStale(applied, d))
      return this.skip(meta, d, enrollment.status, 'final outcome no newer than the one applied');
    if (enrollment.ongoing) {
      // Also a late outcome: the cohort has completed, the intern is still ACTIVE until it arrives.
      await this.lifecycle.complete(tx, d.cohortId, d.internId, d.outcome, d.returnOffer);
    } else if (enrollment.status === EnrollmentStatus.COMPLETED) {
      await this.lifecycle.correctOutcome(tx, d.cohortId, d.internId, d.outcome, d.returnOffer);
    } else {
      return this.skip(meta, d, enrollment.status, 'final outcome about an enrollment that is over');
    }
    await this.record(tx, enrollment.id, 'FINAL', d, d.outcome, null);
  }

  private record(
    tx: EntityManager,
    enrollmentId: string,
    cycle: AppliedDecision['cycle'],
    d: { evaluationId: string; revision?: number | undefined },
    decision: string,
    extensionWeeks: number | null,
  ): Promise<void> {
    return this.enrollments.recordDecision(tx, {
      enrollmentId,
      cycle,
      evaluationId: d.evaluationId,
      revision: revisionOf(d),
      decision,
      extensionWeeks,
      appliedAt: this.clock.now(),
    });
  }

  private skip(
    meta: EventMeta,
    d: { cohortId: string; internId: string; evaluationId: string; revision?: number | undefined },
    status: EnrollmentStatus | null,
    why: string,
  ): void {
    this.logger.info(
      {
        eventId: meta.id,
        cohortId: d.cohortId,
        internId: d.internId,
        evaluationId: d.evaluationId,
        revision: revisionOf(d),
        status,
      },
      `${why}: nothing to apply`,
    );
  }
}
