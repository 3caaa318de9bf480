import { Command } from '@nestjs/cqrs';
import type { EvaluationSnapshot, SelfEvaluationInput } from '../../domain/evaluation.js';

/** An intern submits (or, while the window is open, edits) their own midpoint or final self-evaluation. */
export class SubmitSelfEvaluationCommand extends Command<EvaluationSnapshot> {
  constructor(
    readonly internId: string,
    readonly input: SelfEvaluationInput,
  ) {
    super();
  }
}
