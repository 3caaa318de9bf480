import { Query } from '@nestjs/cqrs';
import type { MatchSuggestionType } from '../../graphql/match-suggestion.type.js';

/** Primary-mentor suggestions for every unmatched intern of a cohort, optimised jointly. */
export class MatchSuggestionsQuery extends Query<MatchSuggestionType[]> {
  constructor(readonly cohortId: string) {
    super();
  }
}
