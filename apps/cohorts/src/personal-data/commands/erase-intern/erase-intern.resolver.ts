import { commandMutation } from '#platform';
import { InternErasureType } from '../../graphql/intern-erasure.type.js';
import { EraseInternCommand } from './erase-intern.command.js';
import { EraseInternInput } from './erase-intern.input.js';

export const EraseInternResolver = commandMutation(EraseInternInput, () => InternErasureType, {
  roles: ['PROGRAM_MANAGER'],
  description:
    'Erases an intern\'s personal data (name, e-mail, university) everywhere, for good; outcomes and counts stay, as "Erased intern" (program managers)',
  command: (input, user) => new EraseInternCommand(input.internId, input.reason, user),
});
