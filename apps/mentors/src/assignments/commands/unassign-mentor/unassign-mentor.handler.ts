import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, requiredId, Violations } from '#ddd';
import { InternProjectionRepository } from '../../../interns/persistence/intern-projection.repository.js';
import { END_REASONS } from '../../domain/assignment-policy.js';
import { AssignmentRepository, type AssignmentView } from '../../persistence/assignment.repository.js';
import { mentorUnassigned, MUST_NOT_BE_EMPTY } from '../assignment-events.js';
import { MentorsUnitOfWork } from '../../../mentors/commands/unit-of-work.js';
import { UnassignMentorCommand } from './unassign-mentor.command.js';

/**
 * Ends the pair's active assignment (freeing the mentor's place) and appends MentorUnassigned,
 * in one transaction serialised on the intern's row like assignments are. An intern left without
 * a primary mentor shows up again in matchSuggestions.
 */
@CommandHandler(UnassignMentorCommand)
export class UnassignMentorHandler implements ICommandHandler<UnassignMentorCommand> {
  constructor(
    private readonly uow: MentorsUnitOfWork,
    private readonly interns: InternProjectionRepository,
    private readonly assignments: AssignmentRepository,
  ) {}

  async execute({ input, unassignedBy }: UnassignMentorCommand): Promise<AssignmentView> {
    const v = new Violations();
    const internId = requiredId('internId', input.internId, MUST_NOT_BE_EMPTY, v);
    const mentorId = requiredId('mentorId', input.mentorId, MUST_NOT_BE_EMPTY, v);
    v.throwIfAny();
    return this.uow.run(async ({ tx, publish }) => {
      await this.interns.lockLatest(tx, internId);
      const active = (await this.assignments.activeForInternTx(tx, internId)).find((a) => a.mentorId === mentorId);
      if (!active) throw new NotFoundError('active assignment of mentor', `${mentorId} to intern ${internId}`);
      const [ended] = await this.assignments.end(tx, [active.id], END_REASONS.unassigned, unassignedBy);
      publish(mentorUnassigned(ended!, END_REASONS.unassigned));
      return ended!;
    });
  }
}
