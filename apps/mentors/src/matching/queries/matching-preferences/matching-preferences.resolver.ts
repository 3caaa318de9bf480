import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#auth';
import { NotFoundError, requiredId } from '#ddd';
import { CohortProjectionRepository } from '../../../cohorts/persistence/cohort-projection.repository.js';
import { MatchingPreferencesType } from '../../graphql/matching-preferences.type.js';
import { MatchingPreferencesRepository } from '../../persistence/matching-preferences.repository.js';

@Resolver(() => MatchingPreferencesType)
export class MatchingPreferencesResolver {
  constructor(
    private readonly cohorts: CohortProjectionRepository,
    private readonly preferences: MatchingPreferencesRepository,
  ) {}

  @Query(() => MatchingPreferencesType, {
    description:
      'The cohort’s matching weights and excluded pairings (program managers): the defaults (0.6/0.3/0.1, none excluded) until set.',
  })
  @Roles('PROGRAM_MANAGER')
  async matchingPreferences(@Args('cohortId', { type: () => ID }) raw: string): Promise<MatchingPreferencesType> {
    const cohortId = requiredId('cohortId', raw);
    if (!(await this.cohorts.findById(cohortId))) throw new NotFoundError('cohort', cohortId);
    return MatchingPreferencesType.from(await this.preferences.forCohort(cohortId));
  }
}
