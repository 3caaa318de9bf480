import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { MatchingPreferences, PreferencesInput } from '../../domain/preferences.js';

/** A program manager replaces a cohort's matching weights and excluded pairs. */
export class SetMatchingPreferencesCommand extends Command<MatchingPreferences> {
  constructor(
    readonly input: PreferencesInput,
    readonly caller: Identity,
  ) {
    super();
  }
}
