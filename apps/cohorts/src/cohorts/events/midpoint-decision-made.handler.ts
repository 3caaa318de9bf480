import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { MidpointDecisionMadeV1, type EventData } from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { EnrollmentLifecycle } from '../commands/enrollment-lifecycle.js';
import { EnrollmentRepository } from '../persistence/enrollment.repository.js';
import { COHORTS_LOGGER } from '../tokens.js';

type MidpointDecisionMade = EventData<typeof MidpointDecisionMadeV1>;

/**
 * Applies the primary mentor's midpoint decision to the enrollment: EXTEND extends the
 * internship (source MIDPOINT_DECISION, once per evaluation however often the decision arrives),
 * TERMINATE ends it (`InternTerminated`), CONTINUE changes nothing. A decision about an
 * enrollment this service does not know, or one already over, changes nothing either. An
 * extension the rules refuse (beyond 5 weeks in total) throws: retried, then dead-lettered with
 * the reason.
 */
@Injectable()
@HandlesEvents(MidpointDecisionMadeV1)
export class MidpointDecisionMadeHandler implements IntegrationEventHandler<MidpointDecisionMade> {
  constructor(
    private readonly enrollments: EnrollmentRepository,
    private readonly lifecycle: EnrollmentLifecycle,
    @Inject(COHORTS_LOGGER) private readonly logger: Logger,
  ) {}

  async handle(event: ConsumedEvent<MidpointDecisionMade>, tx: EntityManager): Promise<void> {
    const d = event.data;
    if (d.decision === 'CONTINUE') return;
    const enrollment = await this.enrollments.find(tx, d.cohortId, d.internId);
    if (!enrollment || !enrollment.ongoing) {
      this.logger.info(
        { eventId: event.id, cohortId: d.cohortId, internId: d.internId, status: enrollment?.status ?? null },
        'midpoint decision about no ongoing enrollment here: nothing to apply',
      );
      return;
    }
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
  }
}
