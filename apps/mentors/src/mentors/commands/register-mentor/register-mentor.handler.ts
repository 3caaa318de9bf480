import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { MentorRegisteredV1 } from '#contracts';
import { Outbox, outgoing, type OutgoingEvent } from '#messaging';
import { Mentor, MentorAlreadyRegisteredError, type MentorEvent } from '../../domain/mentor.js';
import { MentorRepository } from '../../persistence/mentor.repository.js';
import { RegisterMentorCommand } from './register-mentor.command.js';

function toIntegrationEvent(event: MentorEvent): OutgoingEvent<unknown> {
  const m = event.mentor;
  return outgoing(MentorRegisteredV1, m.mentorId, {
    mentorId: m.mentorId,
    name: m.name,
    email: m.email,
    team: m.team,
    expertise: [...m.expertise],
    timezone: m.timezone,
    capacity: m.capacity,
  });
}

/**
 * Validates the registration, then saves the mentor and appends `MentorRegistered` to the outbox
 * in one transaction: both commit or neither does.
 */
@CommandHandler(RegisterMentorCommand)
export class RegisterMentorHandler implements ICommandHandler<RegisterMentorCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mentors: MentorRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute({ input }: RegisterMentorCommand): Promise<Mentor> {
    const mentor = Mentor.register(input);
    await this.dataSource.transaction(async (tx) => {
      if (await this.mentors.exists(tx, mentor.id)) throw new MentorAlreadyRegisteredError(mentor.id);
      await this.mentors.insert(tx, mentor);
      await this.outbox.append(tx, mentor.pullDomainEvents().map(toIntegrationEvent));
    });
    return mentor;
  }
}
