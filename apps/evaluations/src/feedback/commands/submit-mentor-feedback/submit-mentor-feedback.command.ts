import { Command } from '@nestjs/cqrs';
import type { MentorFeedbackRecord } from '../../domain/mentor-feedback.js';

/** An intern rates their primary mentor for one cycle (or, while that window is open, corrects it). */
export class SubmitMentorFeedbackCommand extends Command<MentorFeedbackRecord> {
  constructor(
    readonly internId: string,
    readonly input: { cycle: unknown; ratings: unknown; comments: unknown },
  ) {
    super();
  }
}
