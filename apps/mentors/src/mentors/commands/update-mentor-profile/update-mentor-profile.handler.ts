import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, NotFoundError, requiredId } from '#ddd';
import { MUST_NOT_BE_EMPTY } from '../../../assignments/commands/assignment-events.js';
import { AssignmentRepository } from '../../../assignments/persistence/assignment.repository.js';
import { isProgramManager } from '../../../graphql/visibility.js';
import { validateMentorChanges, type Mentor } from '../../domain/mentor.js';
import { MentorRepository } from '../../persistence/mentor.repository.js';
import { MentorsUnitOfWork } from '../unit-of-work.js';
import { UpdateMentorProfileCommand } from './update-mentor-profile.command.js';

/**
 * Program managers change any mentor's profile; a mentor changes their own. The mentor's row is
 * locked like assignments lock it, so a capacity change and an assignment cannot interleave: the
 * capacity never drops below the interns the mentor has (CONFLICT). Input that is bad on its own
 * is refused before any transaction. MentorProfileUpdated is appended only when something changed.
 */
@CommandHandler(UpdateMentorProfileCommand)
export class UpdateMentorProfileHandler implements ICommandHandler<UpdateMentorProfileCommand> {
  constructor(
    private readonly uow: MentorsUnitOfWork,
    private readonly mentors: MentorRepository,
    private readonly assignments: AssignmentRepository,
  ) {}

  async execute({ mentorId: raw, changes, caller }: UpdateMentorProfileCommand): Promise<Mentor> {
    const mentorId = requiredId('mentorId', raw, MUST_NOT_BE_EMPTY);
    if (!isProgramManager(caller) && caller.sub !== mentorId) {
      throw new ForbiddenError('a mentor may change only their own profile');
    }
    // Bad fields are refused before the mentor is locked (Mentor.update checks them again); only
    // the capacity against the interns the mentor has needs the stored state.
    validateMentorChanges(changes);
    return this.uow.run(async ({ tx, track }) => {
      const mentor = track(await this.mentors.lockForUpdate(tx, mentorId));
      if (!mentor) throw new NotFoundError('mentor', mentorId);
      const changed = mentor.update(changes, await this.assignments.countActiveForMentor(tx, mentorId));
      if (changed.length > 0) await this.mentors.saveProfile(tx, mentor);
      return mentor;
    });
  }
}
