import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { erasedValue } from '#contracts';
import { CLOCK, NotFoundError, personalNeedles, type Clock } from '#ddd';
import { PersonalDataKeys } from '#messaging';
import { CheckInRepository } from '../../../check-ins/persistence/check-in.repository.js';
import { validateErasure, type MentorErasure } from '../../domain/mentor.js';
import { MentorRepository } from '../../persistence/mentor.repository.js';
import { MentorsUnitOfWork } from '../unit-of-work.js';
import { EraseMentorCommand } from './erase-mentor.command.js';

/**
 * Erases a mentor's personal data in one transaction: under the mentor's row lock, their name and
 * e-mail become the erased values (in `mentors` and in the check-in texts that quoted them), the
 * erasure is recorded without them, their key is destroyed (`PersonalDataKeys.erase`: the events
 * already in the log read as erased from then on) and MentorErased is appended to the outbox.
 * Assignments, check-ins and counts stay. Input is checked before any transaction; an unknown
 * mentor is NOT_FOUND, an erased one CONFLICT.
 */
@CommandHandler(EraseMentorCommand)
export class EraseMentorHandler implements ICommandHandler<EraseMentorCommand> {
  constructor(
    private readonly uow: MentorsUnitOfWork,
    private readonly mentors: MentorRepository,
    private readonly checkIns: CheckInRepository,
    private readonly keys: PersonalDataKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, caller }: EraseMentorCommand): Promise<MentorErasure> {
    const { mentorId, reason } = validateErasure(input);
    return this.uow.run(async ({ tx, track }) => {
      const mentor = track(await this.mentors.lockForUpdate(tx, mentorId));
      if (!mentor) throw new NotFoundError('mentor', mentorId);
      const { name, email } = mentor.snapshot();
      const erasure = mentor.erase({ reason, erasedBy: caller.sub, trigger: 'REQUEST' }, this.clock.now());
      await this.mentors.saveErasure(tx, mentor, erasure);
      await this.checkIns.redactPersonalText(
        tx,
        personalNeedles([name], [email], {
          name: erasedValue('mentor', 'name', mentorId),
          email: erasedValue('mentor', 'email', mentorId),
        }),
      );
      await this.keys.erase(tx, mentorId, 'mentor');
      return erasure;
    });
  }
}
