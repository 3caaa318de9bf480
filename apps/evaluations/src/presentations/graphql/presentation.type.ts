import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PresentationCriterionScore')
export class PresentationCriterionScoreType {
  @Field({ description: 'A criterion key of the presentation rubric, e.g. CLARITY' }) criterion: string;
  @Field(() => Int) score: number;
}

@ObjectType('PresentationScore', { description: "One panel mentor's scores of an intern's final presentation" })
export class PresentationScoreType {
  @Field(() => ID) slotId: string;
  @Field(() => ID) cohortId: string;
  @Field(() => ID) internId: string;
  @Field(() => ID) mentorId: string;
  @Field(() => [PresentationCriterionScoreType]) scores: PresentationCriterionScoreType[];
  @Field(() => Float) averageScore: number;
  @Field(() => String, { nullable: true }) comments: string | null;
  @Field(() => GraphQLISODateTime) scoredAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType('CriterionAverage')
export class CriterionAverageType {
  @Field() criterion: string;
  @Field() name: string;
  @Field(() => Float, { nullable: true }) average: number | null;
  @Field(() => Int) count: number;
}

@ObjectType('PresentationResult', { description: "An intern's final presentation: the panel's scores averaged" })
export class PresentationResultType {
  @Field(() => ID) internId: string;
  @Field(() => Float, { nullable: true, description: 'Mean of the panel members’ averages' }) averageScore:
    number | null;
  @Field(() => Int) panelCount: number;
  @Field(() => [CriterionAverageType]) criteria: CriterionAverageType[];
  @Field(() => [PresentationScoreType]) scores: PresentationScoreType[];
}
