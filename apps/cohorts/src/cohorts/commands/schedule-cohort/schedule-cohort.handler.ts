import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#ddd';
import { Cohort, type CohortSnapshot } from '../../domain/cohort.js';
import { DEFAULT_ONBOARDING_CHECKLIST } from '../../../onboarding/domain/onboarding.js';
import { dueClockEvents } from '../../../program-clock/domain/program-clock.js';
import { CohortRepository } from '../../persistence/cohort.repository.js';
import { CohortsUnitOfWork } from '../../../shared/commands/unit-of-work.js';
import { ScheduleCohortCommand } from './schedule-cohort.command.js';

/**
 * Validates and schedules a cohort. The cohort row, its program clock (every due event from
 * CohortStarted to CohortCompleted), the default onboarding checklist and `CohortScheduled`
 * commit together.
 */
@CommandHandler(ScheduleCohortCommand)
export class ScheduleCohortHandler implements ICommandHandler<ScheduleCohortCommand> {
  constructor(
    private readonly uow: CohortsUnitOfWork,
    private readonly cohorts: CohortRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: ScheduleCohortCommand): Promise<CohortSnapshot> {
    const now = this.clock.now();
    const cohort = Cohort.schedule(input, { id: randomUUID(), now, scheduledBy: actor.sub });
    await this.uow.run(async ({ tx, track }) => {
      track(cohort);
      await this.cohorts.insert(tx, cohort, now);
      await this.cohorts.insertClockEvents(
        tx,
        cohort.id,
        dueClockEvents(cohort.startDate, cohort.weeks, cohort.timezone),
      );
      await this.cohorts.replaceChecklist(
        tx,
        cohort.id,
        DEFAULT_ONBOARDING_CHECKLIST.map((t, i) => ({ id: randomUUID(), cohortId: cohort.id, position: i + 1, ...t })),
      );
    });
    return cohort.toSnapshot();
  }
}
