import { Command } from '@nestjs/cqrs';
import type { AssignmentView } from '../../persistence/assignment.repository.js';

/** A program manager ends a mentor's active assignment to an intern. */
export class UnassignMentorCommand extends Command<AssignmentView> {
  constructor(
    readonly input: { internId: string; mentorId: string },
    readonly unassignedBy: string,
  ) {
    super();
  }
}
