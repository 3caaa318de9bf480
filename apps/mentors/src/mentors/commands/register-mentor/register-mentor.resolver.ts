import { commandMutation } from '#platform';
import { MentorType } from '../../graphql/mentor.type.js';
import { RegisterMentorCommand } from './register-mentor.command.js';
import { RegisterMentorInput } from './register-mentor.input.js';

export const RegisterMentorResolver = commandMutation(RegisterMentorInput, () => MentorType, {
  roles: ['PROGRAM_MANAGER'],
  description: 'Registers a mentor (program managers).',
  command: (input, caller) => new RegisterMentorCommand({ ...input }, caller.sub),
  view: MentorType.from,
});
