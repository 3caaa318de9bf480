import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { EffectiveRubric } from '../persistence/rubric.repository.js';
import { MAX_SCORE, MIN_SCORE, RUBRIC_KINDS, type RubricKind } from '../domain/rubric.js';

export const RubricKindEnum = Object.fromEntries(RUBRIC_KINDS.map((k) => [k, k])) as { [K in RubricKind]: K };

registerEnumType(RubricKindEnum, {
  name: 'RubricKind',
  description:
    'PROGRAM: competencies for midpoint and final evaluations; PRESENTATION: criteria for final presentations',
});

@ObjectType('RubricLevel', { description: 'One point of the 1–5 scale and what it looks like for a criterion' })
export class RubricLevelType {
  @Field(() => Int) score: number;
  @Field() label: string;
  @Field() description: string;
}

@ObjectType('RubricCriterion', { description: 'A competency (program rubric) or a criterion (presentation rubric)' })
export class RubricCriterionType {
  @Field({ description: 'Stable key that scores refer to, e.g. TECHNICAL_EXECUTION' }) key: string;
  @Field() name: string;
  @Field() description: string;
  @Field(() => [RubricLevelType], { description: 'Scores 1 to 5, in order' }) levels: RubricLevelType[];
}

@ObjectType('Rubric')
export class RubricType {
  @Field(() => RubricKindEnum) kind: RubricKind;
  @Field() name: string;
  @Field() description: string;
  @Field(() => Int) minScore: number;
  @Field(() => Int) maxScore: number;
  @Field(() => [RubricCriterionType]) criteria: RubricCriterionType[];
  @Field(() => ID, {
    nullable: true,
    description: 'The cohort the rubric is in force for; null for the program default',
  })
  cohortId: string | null;
  @Field({ description: 'Tailored for the cohort by a program manager (false: the default rubric)' })
  tailored: boolean;
}

export function toRubricType(effective: EffectiveRubric): RubricType {
  return {
    ...effective.rubric,
    minScore: MIN_SCORE,
    maxScore: MAX_SCORE,
    cohortId: effective.cohortId,
    tailored: effective.tailored,
  } as RubricType;
}
