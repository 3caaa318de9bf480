import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId } from '#ddd';
import { programTime } from '../../../shared/domain/program-time.js';
import { reasonField } from '../../../shared/domain/text-fields.js';
import type { TechTalkSnapshot } from '../../domain/tech-talk.js';
import { CancelTechTalkCommand } from './cancel-tech-talk.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Cancels a tech talk that has not started (a program manager): it stays on the calendar as
 * CANCELLED, its calendar sequence raised, and `TechTalkCancelled` (naming the interns who RSVPed)
 * commits with it. A blank reason is refused before any transaction; cancelling twice is CONFLICT.
 */
@CommandHandler(CancelTechTalkCommand)
export class CancelTechTalkHandler extends CohortsCommandHandler implements ICommandHandler<CancelTechTalkCommand> {
  async execute({ talkId, reason, actor }: CancelTechTalkCommand): Promise<TechTalkSnapshot> {
    const id = requiredId('talkId', talkId);
    reasonField(reason, true);
    return this.uow.run(async ({ tx, track }) => {
      const talk = track(await this.talks.find(tx, id, { forUpdate: true }));
      if (!talk) throw new NotFoundError('TechTalk', id);
      const cohort = (await this.cohorts.findById(tx, talk.cohortId))!.toSnapshot();
      const now = this.clock.now();
      talk.cancel(reason, {
        programNow: programTime(cohort, now),
        now,
        attendeeIds: await this.talks.rsvpedInterns(tx, id),
        cancelledBy: actor.sub,
      });
      await this.talks.update(tx, talk);
      return talk.toSnapshot();
    });
  }
}
