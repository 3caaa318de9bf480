import { Command } from '@nestjs/cqrs';
import type { LogCheckInProps } from '../../domain/check-in.js';
import type { StoredCheckIn } from '../../persistence/check-in.repository.js';

/** A mentor logs a check-in with one of their interns. */
export class LogCheckInCommand extends Command<StoredCheckIn> {
  constructor(
    readonly input: LogCheckInProps,
    /** The mentor: the caller's user id. */
    readonly mentorId: string,
  ) {
    super();
  }
}
