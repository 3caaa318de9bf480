import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { EnrollmentSnapshot } from '../../domain/enrollment.js';
import { EnrollmentType } from '../../graphql/enrollment.type.js';
import { CompleteOnboardingTaskCommand } from './complete-onboarding-task.command.js';
import { CompleteOnboardingTaskInput } from './complete-onboarding-task.input.js';

@Resolver()
export class CompleteOnboardingTaskResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => EnrollmentType, {
    description: 'Completes one of your onboarding tasks; the last one makes your enrollment ACTIVE (interns)',
  })
  @Roles('INTERN')
  completeOnboardingTask(
    @Args('input', { type: () => CompleteOnboardingTaskInput }) input: CompleteOnboardingTaskInput,
    @CurrentUser() user: Identity,
  ): Promise<EnrollmentSnapshot> {
    return this.commands.execute(new CompleteOnboardingTaskCommand(input.cohortId, input.taskId, user));
  }
}
