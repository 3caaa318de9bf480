import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#auth';
import { MatchSuggestionType } from '../../graphql/match-suggestion.type.js';
import { MatchSuggestionsQuery } from './match-suggestions.query.js';

@Resolver(() => MatchSuggestionType)
export class MatchSuggestionsResolver {
  constructor(private readonly queryBus: QueryBus) {}

  @Query(() => [MatchSuggestionType], {
    description:
      'A primary mentor for every intern of the cohort who has none yet, optimised over the whole cohort (program managers). Suggests only; assign with assignMentor.',
  })
  @Roles('PROGRAM_MANAGER')
  matchSuggestions(@Args('cohortId', { type: () => ID }) cohortId: string): Promise<MatchSuggestionType[]> {
    return this.queryBus.execute(new MatchSuggestionsQuery(cohortId));
  }
}
