import { Field, InputType, Int } from '@nestjs/graphql';
import type { EvaluationCycle } from '../../../evaluations/domain/evaluation-window.js';
import { EvaluationCycleEnum } from '../../../evaluations/graphql/enums.js';
import { FeedbackCriterionEnum } from '../../graphql/mentor-feedback.type.js';
import type { FeedbackCriterion } from '../../domain/mentor-feedback.js';

@InputType()
export class MentorFeedbackRatingInput {
  @Field(() => FeedbackCriterionEnum) criterion: FeedbackCriterion;
  @Field(() => Int, { description: '1 to 5' }) score: number;
}

@InputType()
export class SubmitMentorFeedbackInput {
  @Field(() => EvaluationCycleEnum) cycle: EvaluationCycle;
  @Field(() => [MentorFeedbackRatingInput], {
    description: 'One rating for each of COMMUNICATION, AVAILABILITY, GUIDANCE',
  })
  ratings: MentorFeedbackRatingInput[];
  @Field({ description: 'Up to 2000 characters; only program managers read them' }) comments: string;
}
