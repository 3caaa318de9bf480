import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('OnboardingTask', { description: "An item of a cohort's onboarding checklist" })
export class OnboardingTaskType {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: '1-based order in the checklist' }) position: number;
  @Field() title: string;
  @Field(() => String, { nullable: true }) description: string | null;
}

@ObjectType('EnrollmentOnboardingTask', { description: 'A checklist item and whether the intern has done it' })
export class EnrollmentOnboardingTaskType extends OnboardingTaskType {
  @Field() completed: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true }) completedAt: Date | null;
}

@ObjectType('EnrollmentOnboarding', { description: "An intern's progress through their cohort's checklist" })
export class EnrollmentOnboardingType {
  @Field(() => [EnrollmentOnboardingTaskType]) tasks: EnrollmentOnboardingTaskType[];
  @Field(() => Int) completedCount: number;
  @Field(() => Int) totalCount: number;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the last task was done (the enrollment became ACTIVE)',
  })
  completedAt: Date | null;
}
