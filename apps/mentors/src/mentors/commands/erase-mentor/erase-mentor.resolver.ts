import { commandMutation } from '#platform';
import type { MentorErasure } from '../../domain/mentor.js';
import { MentorErasureType } from '../../graphql/mentor-erasure.type.js';
import { EraseMentorCommand } from './erase-mentor.command.js';
import { EraseMentorInput } from './erase-mentor.input.js';

export const EraseMentorResolver = commandMutation<EraseMentorInput, MentorErasure>(
  EraseMentorInput,
  () => MentorErasureType,
  {
    roles: ['PROGRAM_MANAGER'],
    description:
      'Erases a mentor’s personal data (program managers): name and e-mail are replaced everywhere, their key destroyed, the erasure recorded (who, when, why) and MentorErased published. Assignments and check-ins stay; the mentor takes no new interns.',
    command: (input, caller) => new EraseMentorCommand({ ...input }, caller),
    view: MentorErasureType.from,
  },
);
