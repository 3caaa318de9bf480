import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Mentor, MentorAlreadyRegisteredError } from '../../domain/mentor.js';
import { MentorRepository } from '../../persistence/mentor.repository.js';
import { MentorsUnitOfWork } from '../unit-of-work.js';
import { RegisterMentorCommand } from './register-mentor.command.js';

/**
 * Validates the registration, then saves the mentor and appends `MentorRegistered` to the outbox
 * in one transaction: both commit or neither does.
 */
@CommandHandler(RegisterMentorCommand)
export class RegisterMentorHandler implements ICommandHandler<RegisterMentorCommand> {
  constructor(
    private readonly uow: MentorsUnitOfWork,
    private readonly mentors: MentorRepository,
  ) {}

  async execute({ input }: RegisterMentorCommand): Promise<Mentor> {
    const mentor = Mentor.register(input);
    await this.uow.run(async ({ tx, track }) => {
      track(mentor);
      if (await this.mentors.exists(tx, mentor.id)) throw new MentorAlreadyRegisteredError(mentor.id);
      await this.mentors.insert(tx, mentor);
    });
    return mentor;
  }
}
