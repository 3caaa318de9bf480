import { commandMutation } from '#platform';
import { CohortType } from '../../graphql/cohort.type.js';
import { CancelCohortCommand } from './cancel-cohort.command.js';
import { CancelCohortInput } from './cancel-cohort.input.js';

export const CancelCohortResolver = commandMutation(CancelCohortInput, () => CohortType, {
  roles: ['PROGRAM_MANAGER'],
  description: 'Cancels a scheduled cohort before it starts (program managers)',
  command: (input, user) => new CancelCohortCommand(input.cohortId, input.reason, user),
});
