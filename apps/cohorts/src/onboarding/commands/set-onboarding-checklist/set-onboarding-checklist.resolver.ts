import { commandMutation } from '#platform';
import { CohortType } from '../../../cohorts/graphql/cohort.type.js';
import { SetOnboardingChecklistCommand } from './set-onboarding-checklist.command.js';
import { SetOnboardingChecklistInput } from './set-onboarding-checklist.input.js';

export const SetOnboardingChecklistResolver = commandMutation(SetOnboardingChecklistInput, () => CohortType, {
  roles: ['PROGRAM_MANAGER'],
  description: "Replaces a cohort's onboarding checklist before the cohort starts (program managers)",
  command: (input, user) => new SetOnboardingChecklistCommand(input.cohortId, input.tasks, user),
});
