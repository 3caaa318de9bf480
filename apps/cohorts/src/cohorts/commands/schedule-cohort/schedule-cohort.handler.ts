import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Cohort, type CohortSnapshot } from '../../domain/cohort.js';
import { DEFAULT_ONBOARDING_CHECKLIST } from '../../../onboarding/domain/onboarding.js';
import { dueClockEvents } from '../../../program-clock/domain/program-clock.js';
import { ScheduleCohortCommand } from './schedule-cohort.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Validates and schedules a cohort. The cohort row, its program clock (every due event from
 * CohortStarted to CohortCompleted), the default onboarding checklist and `CohortScheduled`
 * commit together.
 */
@CommandHandler(ScheduleCohortCommand)
export class ScheduleCohortHandler extends CohortsCommandHandler implements ICommandHandler<ScheduleCohortCommand> {
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
