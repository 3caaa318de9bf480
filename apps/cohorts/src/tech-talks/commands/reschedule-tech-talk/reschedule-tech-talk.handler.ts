import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId } from '#ddd';
import { validateTalkTimeInput, type TechTalkSnapshot } from '../../domain/tech-talk.js';
import { RescheduleTechTalkCommand } from './reschedule-tech-talk.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Moves a tech talk (a program manager): the new time, the raised calendar sequence and
 * `TechTalkRescheduled` (naming the interns who RSVPed, whose RSVPs are kept) commit together. A
 * bad time is refused before any transaction or lock; the cohort's dates and clock are checked
 * inside (TechTalk.reschedule). The same time again changes nothing.
 */
@CommandHandler(RescheduleTechTalkCommand)
export class RescheduleTechTalkHandler
  extends CohortsCommandHandler
  implements ICommandHandler<RescheduleTechTalkCommand>
{
  async execute({ talkId, time, actor }: RescheduleTechTalkCommand): Promise<TechTalkSnapshot> {
    const id = requiredId('talkId', talkId);
    validateTalkTimeInput(time);
    return this.uow.run(async ({ tx, track }) => {
      const found = await this.talks.find(tx, id);
      if (!found) throw new NotFoundError('TechTalk', id);
      // Lock order: cohort, then talk (as scheduling does), against a cancellation of either.
      const cohort = (await this.cohorts.findById(tx, found.cohortId, { forUpdate: true }))!.toSnapshot();
      const talk = track((await this.talks.find(tx, id, { forUpdate: true }))!);
      const moved = talk.reschedule(time, {
        cohort,
        now: this.clock.now(),
        attendeeIds: await this.talks.rsvpedInterns(tx, id),
        rescheduledBy: actor.sub,
      });
      if (moved) await this.talks.update(tx, talk);
      return talk.toSnapshot();
    });
  }
}
