import { commandMutation } from '#platform';
import { EnrollmentType } from '../../graphql/enrollment.type.js';
import { ExtendInternshipCommand } from './extend-internship.command.js';
import { ExtendInternshipInput } from './extend-internship.input.js';

export const ExtendInternshipResolver = commandMutation(ExtendInternshipInput, () => EnrollmentType, {
  roles: ['PROGRAM_MANAGER'],
  description: "Extends an intern's own program (1 to 5 weeks in total); their later due dates move (program managers)",
  command: (input, user) =>
    new ExtendInternshipCommand(input.cohortId, input.internId, input.weeks, input.reason, user),
});
