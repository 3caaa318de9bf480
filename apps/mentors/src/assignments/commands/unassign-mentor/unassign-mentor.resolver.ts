import { commandMutation } from '#platform';
import { MentorAssignmentType } from '../../graphql/mentor-assignment.type.js';
import { UnassignMentorCommand } from './unassign-mentor.command.js';
import { UnassignMentorInput } from './unassign-mentor.input.js';

export const UnassignMentorResolver = commandMutation(UnassignMentorInput, () => MentorAssignmentType, {
  roles: ['PROGRAM_MANAGER'],
  description: 'Ends a mentor’s assignment to an intern (program managers); returns the ended assignment.',
  command: ({ internId, mentorId }, caller) => new UnassignMentorCommand({ internId, mentorId }, caller.sub),
  view: MentorAssignmentType.from,
});
