import { Field, Float, ID, InputType, ObjectType } from '@nestjs/graphql';
import type { MatchingPreferences } from '../domain/preferences.js';

@ObjectType('MatchWeights', {
  description:
    'How much each part of a match score weighs, 0 to 1 each: a part earns at most 100 × its weight / the sum of the weights.',
})
export class MatchWeightsType {
  @Field(() => Float)
  expertise: number;

  @Field(() => Float, { description: 'Working-hours overlap of the intern and the mentor.' })
  timezone: number;

  @Field(() => Float, { description: 'How free the mentor still is.' })
  workload: number;
}

@ObjectType('MatchExclusion', { description: 'A pairing matchSuggestions never suggests.' })
export class MatchExclusionType {
  @Field(() => ID)
  internId: string;

  @Field(() => ID)
  mentorId: string;
}

@ObjectType('MatchingPreferences', { description: 'A cohort’s matching weights and excluded pairings.' })
export class MatchingPreferencesType {
  @Field(() => ID)
  cohortId: string;

  @Field(() => MatchWeightsType)
  weights: MatchWeightsType;

  @Field(() => [MatchExclusionType])
  exclusions: MatchExclusionType[];

  static from(p: MatchingPreferences): MatchingPreferencesType {
    return {
      cohortId: p.cohortId,
      weights: { ...p.weights },
      exclusions: p.exclusions.map((e) => ({ ...e })),
    };
  }
}

@InputType('MatchWeightsInput')
export class MatchWeightsInput {
  @Field(() => Float, { description: '0 to 1.' })
  expertise: number;

  @Field(() => Float, { description: '0 to 1.' })
  timezone: number;

  @Field(() => Float, { description: '0 to 1.' })
  workload: number;
}

@InputType('MatchExclusionInput')
export class MatchExclusionInput {
  @Field(() => ID)
  internId: string;

  @Field(() => ID)
  mentorId: string;
}
