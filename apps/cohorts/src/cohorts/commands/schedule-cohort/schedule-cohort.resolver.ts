import { commandMutation } from '#platform';
import { CohortType } from '../../graphql/cohort.type.js';
import { ScheduleCohortCommand } from './schedule-cohort.command.js';
import { ScheduleCohortInput } from './schedule-cohort.input.js';

export const ScheduleCohortResolver = commandMutation(ScheduleCohortInput, () => CohortType, {
  roles: ['PROGRAM_MANAGER'],
  description: 'Schedules a cohort and its calendar (program managers)',
  command: (input, user) => new ScheduleCohortCommand({ ...input }, user),
});
