import { commandMutation } from '#platform';
import { MentorAssignmentType } from '../../graphql/mentor-assignment.type.js';
import { AssignMentorCommand } from './assign-mentor.command.js';
import { AssignMentorInput } from './assign-mentor.input.js';

export const AssignMentorResolver = commandMutation(AssignMentorInput, () => MentorAssignmentType, {
  roles: ['PROGRAM_MANAGER'],
  description:
    'Assigns a mentor to an intern (program managers). Capacity is enforced (CONFLICT when the mentor is full); a new PRIMARY over the current one is a CONFLICT unless replace is true.',
  command: ({ internId, mentorId, role, replace }, caller) =>
    new AssignMentorCommand({ internId, mentorId, role, replace }, caller.sub),
  view: MentorAssignmentType.from,
});
