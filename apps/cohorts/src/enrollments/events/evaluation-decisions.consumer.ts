import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { FinalOutcomeRecordedV1, MidpointDecisionMadeV1 } from '#contracts';
import { on, type ConsumesEvents, type EventMeta } from '#messaging';
import { EnrollmentLifecycle } from '../commands/enrollment-lifecycle.js';
import { EnrollmentRepository } from '../persistence/enrollment.repository.js';
import { COHORTS_LOGGER } from '../../shared/tokens.js';

/**
 * Applies the evaluations context's decisions to the enrollment. The primary mentor's midpoint
 * decision: EXTEND extends the internship (source MIDPOINT_DECISION, once per evaluation however
 * often the decision arrives), TERMINATE ends it (`InternTerminated`), CONTINUE changes nothing.
 * The final outcome completes the enrollment (`InternCompleted` with PASS or FAIL). A decision
 * about an enrollment this service does not know, or one already over, changes nothing. An
 * extension the rules refuse (beyond 5 weeks in total) throws: retried, then dead-lettered with
 * the reason.
 */
@Injectable()
export class EvaluationDecisionsConsumer implements ConsumesEvents {
  readonly handlers = [
    on(MidpointDecisionMadeV1, async (d, meta, tx) => {
      if (d.decision === 'CONTINUE' || !(await this.ongoing(tx, d, meta, 'midpoint decision'))) return;
      if (d.decision === 'TERMINATE') {
        await this.lifecycle.terminate(
          tx,
          d.cohortId,
          d.internId,
          `midpoint decision TERMINATE (evaluation ${d.evaluationId})`,
        );
        return;
      }
      if (d.extensionWeeks === null)
        throw new Error(`EXTEND decision of evaluation ${d.evaluationId} has no extensionWeeks`);
      await this.lifecycle.extend(tx, {
        cohortId: d.cohortId,
        internId: d.internId,
        weeks: d.extensionWeeks,
        reason: `midpoint decision EXTEND (evaluation ${d.evaluationId})`,
        source: 'MIDPOINT_DECISION',
        sourceRef: `evaluation:${d.evaluationId}`,
        grantedBy: d.mentorId,
      });
    }),
    on(FinalOutcomeRecordedV1, async (d, meta, tx) => {
      if (!(await this.ongoing(tx, d, meta, 'final outcome'))) return;
      await this.lifecycle.complete(tx, d.cohortId, d.internId, d.outcome);
    }),
  ];

  constructor(
    private readonly enrollments: EnrollmentRepository,
    private readonly lifecycle: EnrollmentLifecycle,
    @Inject(COHORTS_LOGGER) private readonly logger: Logger,
  ) {}

  /** Whether the decision's enrollment is known here and still running (logged when not). */
  private async ongoing(
    tx: EntityManager,
    d: { cohortId: string; internId: string },
    meta: EventMeta,
    what: string,
  ): Promise<boolean> {
    const enrollment = await this.enrollments.find(tx, d.cohortId, d.internId);
    if (enrollment?.ongoing) return true;
    this.logger.info(
      { eventId: meta.id, cohortId: d.cohortId, internId: d.internId, status: enrollment?.status ?? null },
      `${what} about no ongoing enrollment here: nothing to apply`,
    );
    return false;
  }
}
