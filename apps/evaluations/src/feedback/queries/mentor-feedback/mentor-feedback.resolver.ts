import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import { ForbiddenError, requiredId } from '#ddd';
import type { Identity } from '#platform';
import { isProgramManager } from '../../../graphql/visibility.js';
import {
  mentorFeedbackSummary,
  type MentorFeedbackRecord,
  type MentorFeedbackSummary,
} from '../../domain/mentor-feedback.js';
import { MentorFeedbackRepository } from '../../persistence/mentor-feedback.repository.js';
import { MentorFeedbackSummaryType, MentorFeedbackType } from '../../graphql/mentor-feedback.type.js';

/**
 * Reading the interns' feedback on mentors (SPEC §7): a mentor sees only their own averages over at
 * least three distinct interns (`mentorFeedbackSummary`, null below; another mentor's is
 * FORBIDDEN); program managers read any mentor's averages and each intern's feedback.
 */
@Resolver(() => MentorFeedbackType)
export class MentorFeedbackQueriesResolver {
  constructor(private readonly feedback: MentorFeedbackRepository) {}

  @Query(() => MentorFeedbackSummaryType, {
    nullable: true,
    description:
      "A mentor's feedback averages over every intern's feedback on them; null below three distinct interns (a mentor their own, program managers any)",
  })
  @Roles('PROGRAM_MANAGER', 'MENTOR')
  async mentorFeedbackSummary(
    @Args('mentorId', { type: () => ID }) mentorId: string,
    @CurrentUser() caller: Identity,
  ): Promise<MentorFeedbackSummary | null> {
    const id = requiredId('mentorId', mentorId);
    if (!isProgramManager(caller) && caller.sub !== id) {
      throw new ForbiddenError('a mentor sees only their own feedback summary');
    }
    return mentorFeedbackSummary(id, await this.feedback.aboutMentor(id));
  }

  @Query(() => [MentorFeedbackType], {
    description: "The intern's feedback on their mentors, one per cohort and cycle (program managers)",
  })
  @Roles('PROGRAM_MANAGER')
  async mentorFeedback(@Args('internId', { type: () => ID }) internId: string): Promise<MentorFeedbackRecord[]> {
    return this.feedback.byIntern(requiredId('internId', internId));
  }
}
