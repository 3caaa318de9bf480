import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId } from '#ddd';
import { TechTalk, validateTechTalkInput, type TechTalkSnapshot } from '../../domain/tech-talk.js';
import { ScheduleTechTalkCommand } from './schedule-tech-talk.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Puts a tech talk on a cohort's calendar; the talk and `TechTalkScheduled` commit together. Bad
 * details are refused before any transaction or lock; the cohort's dates and clock are checked
 * inside (TechTalk.schedule).
 */
@CommandHandler(ScheduleTechTalkCommand)
export class ScheduleTechTalkHandler extends CohortsCommandHandler implements ICommandHandler<ScheduleTechTalkCommand> {
  async execute({ cohortId, talk: props, actor }: ScheduleTechTalkCommand): Promise<TechTalkSnapshot> {
    const id = requiredId('cohortId', cohortId);
    validateTechTalkInput(props);
    return this.uow.run(async ({ tx, track }) => {
      // Locked against a cancellation running at the same time.
      const cohort = await this.cohorts.findById(tx, id, { forUpdate: true });
      if (!cohort) throw new NotFoundError('Cohort', id);
      const talk = track(
        TechTalk.schedule(props, {
          id: randomUUID(),
          cohort: cohort.toSnapshot(),
          now: this.clock.now(),
          scheduledBy: actor.sub,
        }),
      );
      await this.talks.insert(tx, talk);
      return talk.toSnapshot();
    });
  }
}
