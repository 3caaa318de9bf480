import { commandMutation } from '#platform';
import { CohortType } from '../../../cohorts/graphql/cohort.type.js';
import { AdvanceCohortClockCommand } from './advance-cohort-clock.command.js';
import { AdvanceCohortClockInput } from './advance-cohort-clock.input.js';

export const AdvanceCohortClockResolver = commandMutation(AdvanceCohortClockInput, () => CohortType, {
  roles: ['PROGRAM_MANAGER'],
  description:
    'Sandbox only (CLOCK_MODE=sandbox): fast-forwards a cohort to the start of week toWeek, publishing every due clock event in order; toWeek = weeks + 1 completes it (program managers)',
  command: (input, user) => new AdvanceCohortClockCommand(input.cohortId, input.toWeek, user),
});
