import { commandMutation } from '#platform';
import { TechTalkType } from '../../graphql/tech-talk.type.js';
import { CancelTechTalkCommand } from './cancel-tech-talk.command.js';
import { CancelTechTalkInput } from './cancel-tech-talk.input.js';

export const CancelTechTalkResolver = commandMutation(CancelTechTalkInput, () => TechTalkType, {
  roles: ['PROGRAM_MANAGER'],
  description: 'Cancels a tech talk that has not started; it stays on calendars as cancelled (program managers)',
  command: (input, user) => new CancelTechTalkCommand(input.talkId, input.reason, user),
});
