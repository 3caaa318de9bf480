import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, ForbiddenError, NotFoundError, requiredId, ValidationError } from '#ddd';
import { clockMode, type CohortsConfig } from '../../../config.js';
import { ProgramClock } from '../../program-clock.service.js';
import { weekStartsAt } from '#calendar';
import { CohortStatus, type CohortSnapshot } from '../../../cohorts/domain/cohort.js';
import { lastClockWeek, lockClock } from '../../persistence/clock-events.js';
import { CohortRepository } from '../../../cohorts/persistence/cohort.repository.js';
import { COHORTS_CONFIG } from '../../../shared/tokens.js';
import { CohortsUnitOfWork } from '../../../shared/commands/unit-of-work.js';
import { AdvanceCohortClockCommand } from './advance-cohort-clock.command.js';

/**
 * Sandbox time travel: fires every clock event of the cohort due up to the start of week
 * `toWeek`, in order, through the very code the scheduler runs (ProgramClock.fireCohort), as if
 * the weeks had passed; from then on the cohort's program time is the start of that week. Only
 * with CLOCK_MODE=sandbox (FORBIDDEN otherwise). `toWeek` is 1 to weeks + 1 (weeks + 1 completes
 * the cohort); a week before the cohort's current week is a CONFLICT (time never goes back), its
 * current week changes nothing.
 */
@CommandHandler(AdvanceCohortClockCommand)
export class AdvanceCohortClockHandler implements ICommandHandler<AdvanceCohortClockCommand> {
  constructor(
    private readonly uow: CohortsUnitOfWork,
    private readonly clock: ProgramClock,
    private readonly cohorts: CohortRepository,
    @Inject(COHORTS_CONFIG) private readonly config: CohortsConfig,
  ) {}

  async execute({ cohortId, toWeek }: AdvanceCohortClockCommand): Promise<CohortSnapshot> {
    if (clockMode(this.config) !== 'sandbox') {
      throw new ForbiddenError(
        'advanceCohortClock is available only in sandbox mode (CLOCK_MODE=sandbox): this service runs the real clock, where cohort weeks pass only in real time',
      );
    }
    const id = requiredId('cohortId', cohortId);
    if (!Number.isInteger(toWeek) || toWeek < 1) {
      throw ValidationError.field('toWeek', 'must be a whole number from 1 to the cohort weeks + 1');
    }
    return this.uow.run(async ({ tx }) => {
      // Waits for a running scheduler pass: the two never fire the same events.
      await lockClock(tx);
      const cohort = await this.cohorts.findById(tx, id, { forUpdate: true });
      if (!cohort) throw new NotFoundError('Cohort', id);
      const s = cohort.toSnapshot();
      const last = await lastClockWeek(tx, s);
      if (toWeek > last) {
        throw ValidationError.field(
          'toWeek',
          `must be from 1 to ${last} (the cohort has ${s.weeks} weeks; ${s.weeks + 1} runs it to its end` +
            (last > s.weeks + 1 ? `, and its clock runs on to week ${last} for extended interns)` : ')'),
        );
      }
      if (s.status === CohortStatus.CANCELLED) {
        throw new ConflictError(`cohort ${s.id} is CANCELLED: its clock no longer runs`);
      }
      if (toWeek < s.currentWeek) {
        throw new ConflictError(
          `cohort ${s.id} is already in ${s.currentWeek > s.weeks ? 'its completion' : `week ${s.currentWeek}`}: the clock never moves backwards`,
        );
      }
      await this.clock.fireCohort(tx, id, weekStartsAt(s.startDate, toWeek, s.timezone), 'SANDBOX');
      return (await this.cohorts.findById(tx, id))!.toSnapshot();
    });
  }
}
