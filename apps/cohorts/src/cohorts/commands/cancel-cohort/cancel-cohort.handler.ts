import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId } from '#ddd';
import { validateCancellationReason, type CohortSnapshot } from '../../domain/cohort.js';
import { CancelCohortCommand } from './cancel-cohort.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Cancels a cohort that has not started; the change, the removal of its clock's due events and
 * `CohortCancelled` commit together. Bad input (cohort id, reason) is refused before any
 * transaction or lock.
 */
@CommandHandler(CancelCohortCommand)
export class CancelCohortHandler extends CohortsCommandHandler implements ICommandHandler<CancelCohortCommand> {
  async execute({ cohortId, reason, actor }: CancelCohortCommand): Promise<CohortSnapshot> {
    const id = requiredId('cohortId', cohortId);
    const why = validateCancellationReason(reason);
    return this.uow.run(async ({ tx, track }) => {
      // Locked, so that an enrollment running at the same time sees the cancellation or precedes it.
      const cohort = track(await this.cohorts.findById(tx, id, { forUpdate: true }));
      if (!cohort) throw new NotFoundError('Cohort', id);
      const now = this.clock.now();
      cohort.cancel(now, actor.sub, why);
      await this.cohorts.update(tx, cohort, now);
      await this.cohorts.deleteUnfiredClockEvents(tx, cohort.id);
      return cohort.toSnapshot();
    });
  }
}
