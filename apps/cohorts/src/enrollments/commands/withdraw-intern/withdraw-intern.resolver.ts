import { commandMutation } from '#platform';
import { EnrollmentType } from '../../graphql/enrollment.type.js';
import { WithdrawInternCommand } from './withdraw-intern.command.js';
import { WithdrawInternInput } from './withdraw-intern.input.js';

export const WithdrawInternResolver = commandMutation(WithdrawInternInput, () => EnrollmentType, {
  roles: ['PROGRAM_MANAGER'],
  description: 'Withdraws an intern from a cohort (program managers)',
  command: (input, user) => new WithdrawInternCommand(input.cohortId, input.internId, input.reason, user),
});
