import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId } from '#ddd';
import { programTime } from '../../../shared/domain/program-time.js';
import { validateAttendanceList, type TechTalkSnapshot } from '../../domain/tech-talk.js';
import { RecordTalkAttendanceCommand } from './record-talk-attendance.command.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';

/**
 * Records who attended a talk once it has started: the attendance rows, the talk's count and a
 * `TechTalkAttended` per intern newly recorded commit together; interns already recorded are
 * skipped, so recording again changes nothing. A bad list is refused before any transaction or
 * lock; whether each intern is enrolled is checked inside (TechTalk.recordAttendance).
 */
@CommandHandler(RecordTalkAttendanceCommand)
export class RecordTalkAttendanceHandler
  extends CohortsCommandHandler
  implements ICommandHandler<RecordTalkAttendanceCommand>
{
  async execute({ talkId, internIds, actor }: RecordTalkAttendanceCommand): Promise<TechTalkSnapshot> {
    const id = requiredId('talkId', talkId);
    validateAttendanceList(internIds);
    return this.uow.run(async ({ tx, track }) => {
      const talk = track(await this.talks.find(tx, id, { forUpdate: true }));
      if (!talk) throw new NotFoundError('TechTalk', id);
      const cohort = (await this.cohorts.findById(tx, talk.cohortId))!.toSnapshot();
      const now = this.clock.now();
      const fresh = talk.recordAttendance(internIds, {
        enrolled: await this.enrollments.internIdsOf(tx, talk.cohortId),
        alreadyRecorded: await this.talks.attendees(tx, id),
        programNow: programTime(cohort, now),
      });
      if (fresh.length) {
        await this.talks.insertAttendance(tx, id, fresh, now, actor.sub);
        await this.talks.updateCounts(tx, talk);
      }
      return talk.toSnapshot();
    });
  }
}
