import { commandMutation } from '#platform';
import { UPDATABLE_MENTOR_FIELDS, type UpdatableMentorField, type UpdateMentorProps } from '../../domain/mentor.js';
import { MentorType } from '../../graphql/mentor.type.js';
import { UpdateMentorProfileCommand } from './update-mentor-profile.command.js';
import { UpdateMentorProfileInput } from './update-mentor-profile.input.js';

/** The fields the input gives: the ones left out stay as they are. */
function changesOf(input: UpdateMentorProfileInput): UpdateMentorProps {
  const changes: UpdateMentorProps = {};
  const fields: readonly UpdatableMentorField[] = [...UPDATABLE_MENTOR_FIELDS, 'workingHours'];
  for (const key of fields) {
    if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
  }
  return changes;
}

export const UpdateMentorProfileResolver = commandMutation(UpdateMentorProfileInput, () => MentorType, {
  roles: ['PROGRAM_MANAGER', 'MENTOR'],
  description:
    'Changes a mentor’s profile, capacity or cohort availability (program managers, or the mentor themself). Fields left out stay as they are.',
  command: (input, caller) => new UpdateMentorProfileCommand(input.mentorId, changesOf(input), caller),
  view: MentorType.from,
});
