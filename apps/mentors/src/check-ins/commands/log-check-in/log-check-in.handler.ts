import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, requiredId } from '#ddd';
import { AssignmentRepository } from '../../../assignments/persistence/assignment.repository.js';
import { CohortProjectionRepository } from '../../../cohorts/persistence/cohort-projection.repository.js';
import { InternProjectionRepository } from '../../../interns/persistence/intern-projection.repository.js';
import { CheckIn } from '../../domain/check-in.js';
import { CheckInRepository, type StoredCheckIn } from '../../persistence/check-in.repository.js';
import { MUST_NOT_BE_EMPTY } from '../../../assignments/commands/assignment-events.js';
import { MentorsUnitOfWork } from '../../../mentors/commands/unit-of-work.js';
import { LogCheckInCommand } from './log-check-in.command.js';

/**
 * Only a mentor of the intern may log a check-in: the relationship is this service's own active
 * assignment of the caller to the intern (FORBIDDEN otherwise, whether or not the intern exists,
 * before any field is judged). The check-in's week comes from the intern's cohort calendar; the
 * check-in and CheckInLogged commit together.
 */
@CommandHandler(LogCheckInCommand)
export class LogCheckInHandler implements ICommandHandler<LogCheckInCommand> {
  constructor(
    private readonly uow: MentorsUnitOfWork,
    private readonly assignments: AssignmentRepository,
    private readonly interns: InternProjectionRepository,
    private readonly cohorts: CohortProjectionRepository,
    private readonly checkIns: CheckInRepository,
  ) {}

  async execute({ input, mentorId }: LogCheckInCommand): Promise<StoredCheckIn> {
    const internId = requiredId('internId', input.internId, MUST_NOT_BE_EMPTY);
    return this.uow.run(async ({ tx, track }) => {
      const pair = (await this.assignments.activeForInternTx(tx, internId)).find((a) => a.mentorId === mentorId);
      if (!pair) {
        throw new ForbiddenError(`only a mentor assigned to intern ${internId} may log their check-ins`);
      }
      const enrollment = await this.interns.findEnrollment(internId, pair.cohortId);
      const checkIn = track(
        CheckIn.log(
          { ...input, internId },
          {
            checkInId: randomUUID(),
            mentorId,
            assignmentId: pair.id,
            cohortId: pair.cohortId,
            calendar: await this.cohorts.findById(pair.cohortId, tx),
            extensionWeeks: enrollment?.extensionWeeks ?? 0,
            enrolledAt: enrollment?.enrolledAt ?? pair.assignedAt,
            now: new Date(),
          },
        ),
      );
      const stored = await this.checkIns.insert(tx, checkIn);
      return stored;
    });
  }
}
