import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { NotFoundError } from '#ddd';
import { Outbox } from '#messaging';
import { CLOCK, type Clock } from '../../clock.js';
import { TechTalk, validateTechTalkInput, type TechTalkSnapshot } from '../../domain/tech-talk.js';
import { CohortRepository } from '../../persistence/cohort.repository.js';
import { TechTalkRepository } from '../../persistence/tech-talk.repository.js';
import { toIntegrationEvents } from '../integration-events.js';
import { requiredId } from '../required-id.js';
import { ScheduleTechTalkCommand } from './schedule-tech-talk.command.js';

/**
 * Puts a tech talk on a cohort's calendar; the talk and `TechTalkScheduled` commit together. Bad
 * details are refused before any transaction or lock; the cohort's dates and clock are checked
 * inside (TechTalk.schedule).
 */
@CommandHandler(ScheduleTechTalkCommand)
export class ScheduleTechTalkHandler implements ICommandHandler<ScheduleTechTalkCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cohorts: CohortRepository,
    private readonly talks: TechTalkRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ cohortId, talk: props, actor }: ScheduleTechTalkCommand): Promise<TechTalkSnapshot> {
    const id = requiredId('cohortId', cohortId);
    validateTechTalkInput(props);
    return this.dataSource.transaction(async (tx) => {
      // Locked against a cancellation running at the same time.
      const cohort = await this.cohorts.findById(tx, id, { forUpdate: true });
      if (!cohort) throw new NotFoundError('Cohort', id);
      const talk = TechTalk.schedule(props, {
        id: randomUUID(),
        cohort: cohort.toSnapshot(),
        now: this.clock.now(),
        scheduledBy: actor.sub,
      });
      await this.talks.insert(tx, talk);
      await this.outbox.append(tx, toIntegrationEvents(talk.pullDomainEvents()));
      return talk.toSnapshot();
    });
  }
}
