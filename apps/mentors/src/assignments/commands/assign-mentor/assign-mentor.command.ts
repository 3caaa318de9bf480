import { Command } from '@nestjs/cqrs';
import type { AssignMentorProps } from '../../domain/assignment-policy.js';
import type { AssignmentView } from '../../persistence/assignment.repository.js';

/** A program manager assigns a mentor to an intern as PRIMARY or CO_MENTOR. */
export class AssignMentorCommand extends Command<AssignmentView> {
  constructor(
    readonly input: AssignMentorProps,
    /** The program manager's user id. */
    readonly assignedBy: string,
  ) {
    super();
  }
}
