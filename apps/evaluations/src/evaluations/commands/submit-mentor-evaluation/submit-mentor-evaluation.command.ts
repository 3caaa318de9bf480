import { Command } from '@nestjs/cqrs';
import type { EvaluationSnapshot, MentorEvaluationInput } from '../../domain/evaluation.js';

/**
 * The primary mentor submits (or, while the window is open, corrects) an intern's midpoint or
 * final evaluation; a program manager submits or corrects it on the mentor's behalf once the
 * window opened. `roles` are the caller's (`mentorId` is the caller's id, whatever their role).
 */
export class SubmitMentorEvaluationCommand extends Command<EvaluationSnapshot> {
  constructor(
    readonly internId: string,
    readonly input: MentorEvaluationInput,
    readonly mentorId: string,
    readonly roles: readonly string[] = ['MENTOR'],
  ) {
    super();
  }
}
