import { Command } from '@nestjs/cqrs';
import type { EvaluationSnapshot, MentorEvaluationInput } from '../../domain/evaluation.js';

/** The primary mentor submits (or, while the window is open, edits) an intern's midpoint or final evaluation. */
export class SubmitMentorEvaluationCommand extends Command<EvaluationSnapshot> {
  constructor(
    readonly internId: string,
    readonly input: MentorEvaluationInput,
    readonly mentorId: string,
  ) {
    super();
  }
}
