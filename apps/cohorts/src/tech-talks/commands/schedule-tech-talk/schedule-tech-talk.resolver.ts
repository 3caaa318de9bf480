import { commandMutation } from '#platform';
import { TechTalkType } from '../../graphql/tech-talk.type.js';
import { ScheduleTechTalkCommand } from './schedule-tech-talk.command.js';
import { ScheduleTechTalkInput } from './schedule-tech-talk.input.js';

export const ScheduleTechTalkResolver = commandMutation(ScheduleTechTalkInput, () => TechTalkType, {
  roles: ['PROGRAM_MANAGER'],
  description: "Schedules a tech talk inside a cohort's dates (program managers)",
  command: ({ cohortId, ...talk }, user) => new ScheduleTechTalkCommand(cohortId, talk, user),
});
