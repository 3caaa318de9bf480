import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { NotFoundError } from '#ddd';
import { Outbox } from '#messaging';
import { CLOCK, type Clock } from '../../clock.js';
import { validateCancellationReason, type CohortSnapshot } from '../../domain/cohort.js';
import { CohortRepository } from '../../persistence/cohort.repository.js';
import { toIntegrationEvents } from '../integration-events.js';
import { requiredId } from '../required-id.js';
import { CancelCohortCommand } from './cancel-cohort.command.js';

/**
 * Cancels a cohort that has not started; the change, the removal of its clock's due events and
 * `CohortCancelled` commit together. Bad input (cohort id, reason) is refused before any
 * transaction or lock.
 */
@CommandHandler(CancelCohortCommand)
export class CancelCohortHandler implements ICommandHandler<CancelCohortCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cohorts: CohortRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ cohortId, reason, actor }: CancelCohortCommand): Promise<CohortSnapshot> {
    const id = requiredId('cohortId', cohortId);
    const why = validateCancellationReason(reason);
    return this.dataSource.transaction(async (tx) => {
      // Locked, so that an enrollment running at the same time sees the cancellation or precedes it.
      const cohort = await this.cohorts.findById(tx, id, { forUpdate: true });
      if (!cohort) throw new NotFoundError('Cohort', id);
      const now = this.clock.now();
      cohort.cancel(now, actor.sub, why);
      await this.cohorts.update(tx, cohort, now);
      await this.cohorts.deleteUnfiredClockEvents(tx, cohort.id);
      await this.outbox.append(tx, toIntegrationEvents(cohort.pullDomainEvents()));
      return cohort.toSnapshot();
    });
  }
}
