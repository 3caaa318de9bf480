import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class AdvanceCohortClockInput {
  @Field(() => ID) cohortId: string;
  @Field(() => Int, {
    description:
      'The week to move the cohort to (1 to weeks + 1): every clock event due up to the start of that week fires, in order. weeks + 1 runs the cohort to its end (CohortCompleted).',
  })
  toWeek: number;
}
