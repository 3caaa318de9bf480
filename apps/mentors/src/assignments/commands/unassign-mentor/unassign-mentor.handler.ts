import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { NotFoundError, Violations } from '#ddd';
import { Outbox } from '#messaging';
import { InternProjectionRepository } from '../../../interns/persistence/intern-projection.repository.js';
import { END_REASONS } from '../../domain/assignment-policy.js';
import { AssignmentRepository, type AssignmentView } from '../../persistence/assignment.repository.js';
import { mentorUnassigned } from '../assignment-events.js';
import { UnassignMentorCommand } from './unassign-mentor.command.js';

/**
 * Ends the pair's active assignment (freeing the mentor's place) and appends MentorUnassigned,
 * in one transaction serialised on the intern's row like assignments are. An intern left without
 * a primary mentor shows up again in matchSuggestions.
 */
@CommandHandler(UnassignMentorCommand)
export class UnassignMentorHandler implements ICommandHandler<UnassignMentorCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly interns: InternProjectionRepository,
    private readonly assignments: AssignmentRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute({ input, unassignedBy }: UnassignMentorCommand): Promise<AssignmentView> {
    const internId = typeof input.internId === 'string' ? input.internId.trim() : '';
    const mentorId = typeof input.mentorId === 'string' ? input.mentorId.trim() : '';
    new Violations()
      .check(internId.length > 0, 'internId', 'must not be empty')
      .check(mentorId.length > 0, 'mentorId', 'must not be empty')
      .throwIfAny();
    return this.dataSource.transaction(async (tx) => {
      await this.interns.lockLatest(tx, internId);
      const active = (await this.assignments.activeForInternTx(tx, internId)).find((a) => a.mentorId === mentorId);
      if (!active) throw new NotFoundError('active assignment of mentor', `${mentorId} to intern ${internId}`);
      const [ended] = await this.assignments.end(tx, [active.id], END_REASONS.unassigned, unassignedBy);
      await this.outbox.append(tx, [mentorUnassigned(ended!, END_REASONS.unassigned)]);
      return ended!;
    });
  }
}
