import { Module } from '@nestjs/common';
import { StoreModule } from '../store.module.js';
import { SetMatchingPreferencesHandler } from './commands/set-matching-preferences/set-matching-preferences.handler.js';
import { SetMatchingPreferencesResolver } from './commands/set-matching-preferences/set-matching-preferences.resolver.js';
import { MatchingPreferencesResolver } from './queries/matching-preferences/matching-preferences.resolver.js';
import { MatchSuggestionsHandler } from './queries/match-suggestions/match-suggestions.handler.js';
import { MatchSuggestionsResolver } from './queries/match-suggestions/match-suggestions.resolver.js';

/** Match suggestions (a primary mentor for every unmatched intern of a cohort, optimised jointly) and the cohort's matching preferences. */
@Module({
  imports: [StoreModule],
  providers: [
    MatchSuggestionsHandler,
    MatchSuggestionsResolver,
    SetMatchingPreferencesHandler,
    SetMatchingPreferencesResolver,
    MatchingPreferencesResolver,
  ],
})
export class MatchingModule {}
