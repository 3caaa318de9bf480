import { commandMutation } from '#platform';
import { CohortType } from '../../graphql/cohort.type.js';
import { UpdateCohortCommand } from './update-cohort.command.js';
import { UpdateCohortInput } from './update-cohort.input.js';

export const UpdateCohortResolver = commandMutation(UpdateCohortInput, () => CohortType, {
  roles: ['PROGRAM_MANAGER'],
  description:
    'Changes a cohort: name, capacity, location, work mode; its start date, weeks and timezone only while SCHEDULED (program managers)',
  command: ({ cohortId, ...input }, user) => new UpdateCohortCommand(cohortId, input, user),
});
