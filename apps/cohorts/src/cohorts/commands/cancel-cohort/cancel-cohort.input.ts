import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CancelCohortInput {
  @Field(() => ID) cohortId: string;
  @Field(() => String, { nullable: true, description: 'Why the cohort is cancelled (shared with the other services)' })
  reason?: string | null;
}
