import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { ProgramModule } from '../program/program.module.js';
import { SubmitMentorFeedbackHandler } from './commands/submit-mentor-feedback/submit-mentor-feedback.handler.js';
import { SubmitMentorFeedbackResolver } from './commands/submit-mentor-feedback/submit-mentor-feedback.resolver.js';
import { MentorFeedbackRepository } from './persistence/mentor-feedback.repository.js';
import { MentorFeedbackQueriesResolver } from './queries/mentor-feedback/mentor-feedback.resolver.js';

/** The interns' feedback on their primary mentors (SPEC §7): submitting, and the averages mentors and PMs read. */
@Module({
  imports: [ProgramModule, EvaluationsModule],
  providers: [
    MentorFeedbackRepository,
    SubmitMentorFeedbackHandler,
    SubmitMentorFeedbackResolver,
    MentorFeedbackQueriesResolver,
  ],
  exports: [MentorFeedbackRepository],
})
export class FeedbackModule {}
