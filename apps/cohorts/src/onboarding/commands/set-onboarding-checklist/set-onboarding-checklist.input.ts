import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class OnboardingTaskInput {
  @Field(() => ID, { nullable: true, description: 'An existing task to keep (its id); leave out for a new task' })
  id?: string | null;
  @Field({ description: 'Up to 200 characters' }) title: string;
  @Field(() => String, { nullable: true, description: 'Up to 2000 characters' }) description?: string | null;
}

@InputType()
export class SetOnboardingChecklistInput {
  @Field(() => ID) cohortId: string;
  @Field(() => [OnboardingTaskInput], { description: 'The whole checklist, in order: 1 to 30 tasks' })
  tasks: OnboardingTaskInput[];
}
