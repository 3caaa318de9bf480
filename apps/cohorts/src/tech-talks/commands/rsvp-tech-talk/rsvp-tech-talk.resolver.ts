import { commandMutation } from '#platform';
import { TechTalkType } from '../../graphql/tech-talk.type.js';
import { RsvpTechTalkCommand } from './rsvp-tech-talk.command.js';
import { RsvpTechTalkInput } from './rsvp-tech-talk.input.js';

export const RsvpTechTalkResolver = commandMutation(RsvpTechTalkInput, () => TechTalkType, {
  roles: ['INTERN'],
  description: 'RSVPs to a tech talk of your cohort before it starts (interns)',
  command: (input, user) => new RsvpTechTalkCommand(input.talkId, user),
});
