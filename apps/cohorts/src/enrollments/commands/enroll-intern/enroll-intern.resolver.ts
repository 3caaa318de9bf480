import { commandMutation } from '#platform';
import { EnrollmentType } from '../../graphql/enrollment.type.js';
import { EnrollInternCommand } from './enroll-intern.command.js';
import { EnrollInternInput } from './enroll-intern.input.js';

export const EnrollInternResolver = commandMutation(EnrollInternInput, () => EnrollmentType, {
  roles: ['PROGRAM_MANAGER'],
  description: 'Enrolls an intern in a cohort, within its capacity (program managers)',
  command: ({ cohortId, ...intern }, user) => new EnrollInternCommand(cohortId, intern, user),
});
