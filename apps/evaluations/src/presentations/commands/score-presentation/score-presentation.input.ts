import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CriterionScoreInput {
  @Field({ description: 'A criterion key of the cohort’s presentation rubric, e.g. CLARITY' }) criterion: string;
  @Field(() => Int, { description: '1 to 5' }) score: number;
}

@InputType()
export class ScorePresentationInput {
  @Field(() => ID) slotId: string;
  @Field(() => [CriterionScoreInput], { description: 'Every criterion of the presentation rubric, once' })
  scores: CriterionScoreInput[];
  @Field(() => String, { nullable: true }) comments?: string | null;
}
