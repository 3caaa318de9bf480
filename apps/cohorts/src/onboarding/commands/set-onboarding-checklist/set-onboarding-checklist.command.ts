import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { CohortSnapshot } from '../../../cohorts/domain/cohort.js';
import type { OnboardingTaskInput } from '../../domain/onboarding.js';

export class SetOnboardingChecklistCommand extends Command<CohortSnapshot> {
  constructor(
    readonly cohortId: string,
    readonly tasks: OnboardingTaskInput[],
    readonly actor: Identity,
  ) {
    super();
  }
}
