import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CompleteOnboardingTaskInput {
  @Field(() => ID) cohortId: string;
  @Field(() => ID, { description: "A task of the cohort's onboarding checklist" }) taskId: string;
}
