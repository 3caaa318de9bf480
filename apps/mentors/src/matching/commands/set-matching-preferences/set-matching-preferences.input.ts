import { Field, ID, InputType } from '@nestjs/graphql';
import { MatchExclusionInput, MatchWeightsInput } from '../../graphql/matching-preferences.type.js';

@InputType()
export class SetMatchingPreferencesInput {
  @Field(() => ID)
  cohortId: string;

  @Field(() => MatchWeightsInput, { description: 'Each 0 to 1, not all zero.' })
  weights: MatchWeightsInput;

  @Field(() => [MatchExclusionInput], {
    description:
      'Pairs never suggested: interns of this cohort and registered mentors; repeats are dropped. Replaces the list.',
  })
  exclusions: MatchExclusionInput[];
}
