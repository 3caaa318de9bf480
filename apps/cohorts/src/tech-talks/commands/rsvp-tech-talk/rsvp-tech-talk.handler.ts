import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, NotFoundError, requiredId } from '#ddd';
import { programTime } from '../../../shared/domain/program-time.js';
import type { TechTalkSnapshot } from '../../domain/tech-talk.js';
import { RsvpTechTalkCommand } from './rsvp-tech-talk.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * An intern enrolled in the talk's cohort (the caller) RSVPs before it starts, the talk and the
 * cohort not cancelled: the RSVP, the
 * talk's count and `TechTalkRsvped` commit together. A second RSVP changes nothing.
 */
@CommandHandler(RsvpTechTalkCommand)
export class RsvpTechTalkHandler extends CohortsCommandHandler implements ICommandHandler<RsvpTechTalkCommand> {
  async execute({ talkId, actor }: RsvpTechTalkCommand): Promise<TechTalkSnapshot> {
    const id = requiredId('talkId', talkId);
    return this.uow.run(async ({ tx, track }) => {
      const found = await this.talks.find(tx, id);
      if (!found) throw new NotFoundError('TechTalk', id);
      // Lock order: enrollment, then talk (a withdrawal locks the enrollment too).
      const enrollment = await this.enrollments.find(tx, found.cohortId, actor.sub, { forUpdate: true });
      if (!enrollment) throw new ForbiddenError("only interns enrolled in the talk's cohort can RSVP");
      const talk = track((await this.talks.find(tx, id, { forUpdate: true }))!);
      const cohort = (await this.cohorts.findById(tx, talk.cohortId))!.toSnapshot();
      const now = this.clock.now();
      const already = await this.talks.hasRsvp(tx, id, actor.sub);
      if (talk.rsvp(actor.sub, enrollment.status, already, programTime(cohort, now), cohort.status)) {
        await this.talks.insertRsvp(tx, id, actor.sub, now);
        await this.talks.updateCounts(tx, talk);
      }
      return talk.toSnapshot();
    });
  }
}
