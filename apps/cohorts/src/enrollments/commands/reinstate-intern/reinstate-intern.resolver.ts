import { commandMutation } from '#platform';
import { EnrollmentType } from '../../graphql/enrollment.type.js';
import { ReinstateInternCommand } from './reinstate-intern.command.js';
import { ReinstateInternInput } from './reinstate-intern.input.js';

export const ReinstateInternResolver = commandMutation(ReinstateInternInput, () => EnrollmentType, {
  roles: ['PROGRAM_MANAGER'],
  description: 'Makes a withdrawn intern of a cohort in progress ACTIVE again, if a place is free (program managers)',
  command: (input, user) => new ReinstateInternCommand(input.cohortId, input.internId, input.reason, user),
});
