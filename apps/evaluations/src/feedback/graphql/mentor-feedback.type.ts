import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { EvaluationCycle } from '../../evaluations/domain/evaluation-window.js';
import { EvaluationCycleEnum } from '../../evaluations/graphql/enums.js';
import { FEEDBACK_CRITERIA, type FeedbackCriterion } from '../domain/mentor-feedback.js';

export const FeedbackCriterionEnum = Object.fromEntries(FEEDBACK_CRITERIA.map((c) => [c, c])) as {
  [K in FeedbackCriterion]: K;
};
registerEnumType(FeedbackCriterionEnum, {
  name: 'MentorFeedbackCriterion',
  description: 'What an intern rates their primary mentor on',
});

@ObjectType('MentorFeedbackRating')
export class MentorFeedbackRatingType {
  @Field(() => FeedbackCriterionEnum) criterion: FeedbackCriterion;
  @Field(() => Int) score: number;
}

/** An intern's feedback on their primary mentor for one cycle (the intern themself and program managers only). */
@ObjectType('MentorFeedback')
export class MentorFeedbackType {
  @Field(() => ID) id: string;
  @Field(() => ID) cohortId: string;
  @Field(() => ID) internId: string;
  @Field(() => ID, { description: 'The primary mentor when it was (last) submitted' }) mentorId: string;
  @Field(() => EvaluationCycleEnum) cycle: EvaluationCycle;
  @Field(() => [MentorFeedbackRatingType]) ratings: MentorFeedbackRatingType[];
  @Field() comments: string;
  @Field(() => Float) averageScore: number;
  @Field(() => Int, { description: '1 when first submitted, +1 for each correction' }) revision: number;
  @Field(() => GraphQLISODateTime) submittedAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType('MentorFeedbackCriterionAverage')
export class CriterionAverageType {
  @Field(() => FeedbackCriterionEnum) criterion: FeedbackCriterion;
  @Field(() => Float) average: number;
}

/** A mentor's feedback averages: only over at least three distinct interns. */
@ObjectType('MentorFeedbackSummary')
export class MentorFeedbackSummaryType {
  @Field(() => ID) mentorId: string;
  @Field(() => Int, { description: 'Distinct interns who gave feedback (at least 3)' }) interns: number;
  @Field(() => [CriterionAverageType]) averages: CriterionAverageType[];
  @Field(() => Float, { description: 'Mean of every rating' }) overall: number;
}
