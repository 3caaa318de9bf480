import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { EnrollmentSnapshot } from '../../../enrollments/domain/enrollment.js';

export class CompleteOnboardingTaskCommand extends Command<EnrollmentSnapshot> {
  constructor(
    readonly cohortId: string,
    readonly taskId: string,
    readonly actor: Identity,
  ) {
    super();
  }
}
