import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { RubricKind } from '../../domain/rubric.js';
import { RubricKindEnum } from '../../graphql/rubric.type.js';

@InputType()
export class RubricLevelInput {
  @Field(() => Int, { description: '1 to 5' }) score: number;
  @Field() label: string;
  @Field() description: string;
}

@InputType()
export class RubricCriterionInput {
  @Field({ description: 'UPPER_SNAKE_CASE key that scores refer to, e.g. DATA_ENGINEERING' }) key: string;
  @Field() name: string;
  @Field() description: string;
  @Field(() => [RubricLevelInput], { description: 'One described level for each score from 1 to 5, in order' })
  levels: RubricLevelInput[];
}

@InputType()
export class TailorRubricInput {
  @Field(() => ID) cohortId: string;
  @Field(() => RubricKindEnum) kind: RubricKind;
  @Field(() => String, { nullable: true, description: 'Defaults to the default rubric’s name, marked tailored' })
  name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [RubricCriterionInput], { description: '1 to 12 criteria (competencies for PROGRAM)' })
  criteria: RubricCriterionInput[];
}
