import { Command } from '@nestjs/cqrs';
import type { Mentor, RegisterMentorProps } from '../../domain/mentor.js';

/** A program manager registers a mentor. */
export class RegisterMentorCommand extends Command<Mentor> {
  constructor(
    readonly input: RegisterMentorProps,
    /** The program manager's user id. */
    readonly registeredBy: string,
  ) {
    super();
  }
}
