import { Module } from '@nestjs/common';
import { SetOnboardingChecklistHandler } from './commands/set-onboarding-checklist/set-onboarding-checklist.handler.js';
import { SetOnboardingChecklistResolver } from './commands/set-onboarding-checklist/set-onboarding-checklist.resolver.js';
import { CompleteOnboardingTaskHandler } from './commands/complete-onboarding-task/complete-onboarding-task.handler.js';
import { CompleteOnboardingTaskResolver } from './commands/complete-onboarding-task/complete-onboarding-task.resolver.js';

/** Onboarding: a cohort's checklist and the tasks interns complete. */
@Module({
  providers: [
    SetOnboardingChecklistHandler,
    SetOnboardingChecklistResolver,
    CompleteOnboardingTaskHandler,
    CompleteOnboardingTaskResolver,
  ],
})
export class OnboardingModule {}
