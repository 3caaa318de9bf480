import { Module } from '@nestjs/common';
import { StoreModule } from '../store.module.js';
import { MatchSuggestionsHandler } from './queries/match-suggestions/match-suggestions.handler.js';
import { MatchSuggestionsResolver } from './queries/match-suggestions/match-suggestions.resolver.js';

/** Match suggestions: a primary mentor for every unmatched intern of a cohort, optimised jointly. */
@Module({
  imports: [StoreModule],
  providers: [MatchSuggestionsHandler, MatchSuggestionsResolver],
})
export class MatchingModule {}
