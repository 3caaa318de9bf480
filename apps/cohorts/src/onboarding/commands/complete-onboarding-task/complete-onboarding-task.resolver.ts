import { commandMutation } from '#platform';
import { EnrollmentType } from '../../../enrollments/graphql/enrollment.type.js';
import { CompleteOnboardingTaskCommand } from './complete-onboarding-task.command.js';
import { CompleteOnboardingTaskInput } from './complete-onboarding-task.input.js';

export const CompleteOnboardingTaskResolver = commandMutation(CompleteOnboardingTaskInput, () => EnrollmentType, {
  roles: ['INTERN'],
  description: 'Completes one of your onboarding tasks; the last one makes your enrollment ACTIVE (interns)',
  command: (input, user) => new CompleteOnboardingTaskCommand(input.cohortId, input.taskId, user),
});
