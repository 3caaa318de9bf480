import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { Mentor, UpdateMentorProps } from '../../domain/mentor.js';

/** A program manager, or the mentor themself, changes a mentor's profile, capacity or availability. */
export class UpdateMentorProfileCommand extends Command<Mentor> {
  constructor(
    readonly mentorId: string,
    readonly changes: UpdateMentorProps,
    readonly caller: Identity,
  ) {
    super();
  }
}
