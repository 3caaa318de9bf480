import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Outbox } from '#messaging';
import { CLOCK, type Clock } from '../../clock.js';
import { Cohort, type CohortSnapshot } from '../../domain/cohort.js';
import { DEFAULT_ONBOARDING_CHECKLIST } from '../../domain/onboarding.js';
import { dueClockEvents } from '../../domain/program-clock.js';
import { CohortRepository } from '../../persistence/cohort.repository.js';
import { toIntegrationEvents } from '../integration-events.js';
import { ScheduleCohortCommand } from './schedule-cohort.command.js';

/**
 * Validates and schedules a cohort. The cohort row, its program clock (every due event from
 * CohortStarted to CohortCompleted), the default onboarding checklist and `CohortScheduled`
 * commit together.
 */
@CommandHandler(ScheduleCohortCommand)
export class ScheduleCohortHandler implements ICommandHandler<ScheduleCohortCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cohorts: CohortRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: ScheduleCohortCommand): Promise<CohortSnapshot> {
    const now = this.clock.now();
    const cohort = Cohort.schedule(input, { id: randomUUID(), now, scheduledBy: actor.sub });
    await this.dataSource.transaction(async (tx) => {
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
      await this.outbox.append(tx, toIntegrationEvents(cohort.pullDomainEvents()));
    });
    return cohort.toSnapshot();
  }
}
