import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { EraseMentorProps, MentorErasure } from '../../domain/mentor.js';

/** A program manager erases a mentor's personal data (a request under the right to erasure). */
export class EraseMentorCommand extends Command<MentorErasure> {
  constructor(
    readonly input: EraseMentorProps,
    readonly caller: Identity,
  ) {
    super();
  }
}
