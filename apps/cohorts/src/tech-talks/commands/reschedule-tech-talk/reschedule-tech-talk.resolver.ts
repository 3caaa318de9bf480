import { commandMutation } from '#platform';
import { TechTalkType } from '../../graphql/tech-talk.type.js';
import { RescheduleTechTalkCommand } from './reschedule-tech-talk.command.js';
import { RescheduleTechTalkInput } from './reschedule-tech-talk.input.js';

export const RescheduleTechTalkResolver = commandMutation(RescheduleTechTalkInput, () => TechTalkType, {
  roles: ['PROGRAM_MANAGER'],
  description: 'Moves a tech talk that has not started; RSVPs are kept and told (program managers)',
  command: ({ talkId, ...time }, user) => new RescheduleTechTalkCommand(talkId, time, user),
});
