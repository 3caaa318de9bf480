import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { MentorProfileUpdatedV1 } from '#contracts';
import { ForbiddenError, NotFoundError, ValidationError } from '#ddd';
import { Outbox, outgoing, type OutgoingEvent } from '#messaging';
import { AssignmentRepository } from '../../../assignments/persistence/assignment.repository.js';
import { isProgramManager } from '../../../graphql/visibility.js';
import { validateMentorChanges, type Mentor, type MentorEvent } from '../../domain/mentor.js';
import { MentorRepository } from '../../persistence/mentor.repository.js';
import { UpdateMentorProfileCommand } from './update-mentor-profile.command.js';

function toIntegrationEvent(event: MentorEvent): OutgoingEvent<unknown>[] {
  if (event.name !== 'MentorProfileUpdated') return [];
  const m = event.mentor;
  return [
    outgoing(MentorProfileUpdatedV1, m.mentorId, {
      mentorId: m.mentorId,
      name: m.name,
      email: m.email,
      team: m.team,
      expertise: [...m.expertise],
      timezone: m.timezone,
      capacity: m.capacity,
      cohortIds: m.cohortIds ? [...m.cohortIds] : null,
      changedFields: [...event.changedFields],
    }) as OutgoingEvent<unknown>,
  ];
}

/**
 * Program managers change any mentor's profile; a mentor changes their own. The mentor's row is
 * locked like assignments lock it, so a capacity change and an assignment cannot interleave: the
 * capacity never drops below the interns the mentor has (CONFLICT). Input that is bad on its own
 * is refused before any transaction. MentorProfileUpdated is appended only when something changed.
 */
@CommandHandler(UpdateMentorProfileCommand)
export class UpdateMentorProfileHandler implements ICommandHandler<UpdateMentorProfileCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mentors: MentorRepository,
    private readonly assignments: AssignmentRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute({ mentorId: raw, changes, caller }: UpdateMentorProfileCommand): Promise<Mentor> {
    const mentorId = typeof raw === 'string' ? raw.trim() : '';
    if (!mentorId) throw ValidationError.field('mentorId', 'must not be empty');
    if (!isProgramManager(caller) && caller.sub !== mentorId) {
      throw new ForbiddenError('a mentor may change only their own profile');
    }
    // Bad fields are refused before the mentor is locked (Mentor.update checks them again); only
    // the capacity against the interns the mentor has needs the stored state.
    validateMentorChanges(changes);
    return this.dataSource.transaction(async (tx) => {
      const mentor = await this.mentors.lockForUpdate(tx, mentorId);
      if (!mentor) throw new NotFoundError('mentor', mentorId);
      const changed = mentor.update(changes, await this.assignments.countActiveForMentor(tx, mentorId));
      if (changed.length > 0) {
        await this.mentors.saveProfile(tx, mentor);
        await this.outbox.append(tx, mentor.pullDomainEvents().flatMap(toIntegrationEvent));
      }
      return mentor;
    });
  }
}
