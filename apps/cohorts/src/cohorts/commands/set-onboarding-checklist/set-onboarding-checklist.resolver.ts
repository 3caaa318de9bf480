import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { CohortSnapshot } from '../../domain/cohort.js';
import { CohortType } from '../../graphql/cohort.type.js';
import { SetOnboardingChecklistCommand } from './set-onboarding-checklist.command.js';
import { SetOnboardingChecklistInput } from './set-onboarding-checklist.input.js';

@Resolver()
export class SetOnboardingChecklistResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => CohortType, {
    description: "Replaces a cohort's onboarding checklist before the cohort starts (program managers)",
  })
  @Roles('PROGRAM_MANAGER')
  setOnboardingChecklist(
    @Args('input', { type: () => SetOnboardingChecklistInput }) input: SetOnboardingChecklistInput,
    @CurrentUser() user: Identity,
  ): Promise<CohortSnapshot> {
    return this.commands.execute(new SetOnboardingChecklistCommand(input.cohortId, input.tasks, user));
  }
}
