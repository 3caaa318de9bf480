import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { FinalOutcomeRecordedV1, type EventData } from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { EnrollmentLifecycle } from '../commands/enrollment-lifecycle.js';
import { EnrollmentRepository } from '../persistence/enrollment.repository.js';
import { COHORTS_LOGGER } from '../tokens.js';

type FinalOutcomeRecorded = EventData<typeof FinalOutcomeRecordedV1>;

/**
 * The final outcome completes the enrollment (`InternCompleted` with PASS or FAIL). An
 * enrollment this service does not know, or one already over, is left as it is.
 */
@Injectable()
@HandlesEvents(FinalOutcomeRecordedV1)
export class FinalOutcomeRecordedHandler implements IntegrationEventHandler<FinalOutcomeRecorded> {
  constructor(
    private readonly enrollments: EnrollmentRepository,
    private readonly lifecycle: EnrollmentLifecycle,
    @Inject(COHORTS_LOGGER) private readonly logger: Logger,
  ) {}

  async handle(event: ConsumedEvent<FinalOutcomeRecorded>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const enrollment = await this.enrollments.find(tx, d.cohortId, d.internId);
    if (!enrollment || !enrollment.ongoing) {
      this.logger.info(
        { eventId: event.id, cohortId: d.cohortId, internId: d.internId, status: enrollment?.status ?? null },
        'final outcome about no ongoing enrollment here: nothing to apply',
      );
      return;
    }
    await this.lifecycle.complete(tx, d.cohortId, d.internId, d.outcome);
  }
}
