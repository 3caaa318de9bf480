import { commandMutation } from '#platform';
import { MatchingPreferencesType } from '../../graphql/matching-preferences.type.js';
import { SetMatchingPreferencesCommand } from './set-matching-preferences.command.js';
import { SetMatchingPreferencesInput } from './set-matching-preferences.input.js';

export const SetMatchingPreferencesResolver = commandMutation(
  SetMatchingPreferencesInput,
  () => MatchingPreferencesType,
  {
    roles: ['PROGRAM_MANAGER'],
    description:
      'Replaces a cohort’s matching weights (expertise, timezone, workload; 0–1 each, not all zero) and the pairs matchSuggestions never suggests (program managers).',
    command: (input, caller) =>
      new SetMatchingPreferencesCommand(
        { cohortId: input.cohortId, weights: input.weights, exclusions: input.exclusions },
        caller,
      ),
    view: MatchingPreferencesType.from,
  },
);
