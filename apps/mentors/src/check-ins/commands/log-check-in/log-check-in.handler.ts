import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CheckInLoggedV1 } from '#contracts';
import { ForbiddenError, ValidationError } from '#ddd';
import { Outbox, outgoing } from '#messaging';
import { AssignmentRepository } from '../../../assignments/persistence/assignment.repository.js';
import { CohortProjectionRepository } from '../../../cohorts/persistence/cohort-projection.repository.js';
import { InternProjectionRepository } from '../../../interns/persistence/intern-projection.repository.js';
import { CheckIn, type CheckInLogged } from '../../domain/check-in.js';
import { CheckInRepository, type StoredCheckIn } from '../../persistence/check-in.repository.js';
import { LogCheckInCommand } from './log-check-in.command.js';

/** CheckInLogged carries no notes: shared and private notes stay in this service. */
function toIntegrationEvent(event: CheckInLogged) {
  const c = event.checkIn;
  return outgoing(CheckInLoggedV1, c.internId, {
    checkInId: c.checkInId,
    cohortId: c.cohortId,
    internId: c.internId,
    mentorId: c.mentorId,
    occurredOn: c.occurredOn,
    week: c.week,
    durationMinutes: c.durationMinutes,
    format: c.format,
    progress: c.progress,
    blockerCount: c.blockers.length,
  });
}

/**
 * Only a mentor of the intern may log a check-in: the relationship is this service's own active
 * assignment of the caller to the intern (FORBIDDEN otherwise, whether or not the intern exists,
 * before any field is judged). The check-in's week comes from the intern's cohort calendar; the
 * check-in and CheckInLogged commit together.
 */
@CommandHandler(LogCheckInCommand)
export class LogCheckInHandler implements ICommandHandler<LogCheckInCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignments: AssignmentRepository,
    private readonly interns: InternProjectionRepository,
    private readonly cohorts: CohortProjectionRepository,
    private readonly checkIns: CheckInRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute({ input, mentorId }: LogCheckInCommand): Promise<StoredCheckIn> {
    const internId = typeof input.internId === 'string' ? input.internId.trim() : '';
    if (!internId) throw ValidationError.field('internId', 'must not be empty');
    return this.dataSource.transaction(async (tx) => {
      const pair = (await this.assignments.activeForInternTx(tx, internId)).find((a) => a.mentorId === mentorId);
      if (!pair) {
        throw new ForbiddenError(`only a mentor assigned to intern ${internId} may log their check-ins`);
      }
      const enrollment = await this.interns.findEnrollment(internId, pair.cohortId);
      const checkIn = CheckIn.log(
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
      );
      const stored = await this.checkIns.insert(tx, checkIn);
      await this.outbox.append(tx, checkIn.pullDomainEvents().map(toIntegrationEvent));
      return stored;
    });
  }
}
