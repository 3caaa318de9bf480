import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { MentorRole } from '../../assignments/graphql/mentor-role.enum.js';
import { InternType } from '../../interns/graphql/intern.type.js';
import { MentorType } from '../../mentors/graphql/mentor.type.js';
import { MatchWeightsType } from './matching-preferences.type.js';

@ObjectType('MatchScoreBreakdown', { description: 'The parts of a suggestion’s score.' })
export class MatchScoreBreakdownType {
  @Field(() => Float, {
    description:
      'Up to 100 × the expertise weight’s share (60 by default): the share of the intern’s focus areas the mentor knows.',
  })
  expertise: number;

  @Field(() => Float, {
    description:
      'Up to 100 × the timezone weight’s share (30 by default): overlap of the intern’s and the mentor’s working hours (4 h a day or more earns it all).',
  })
  workingHours: number;

  @Field(() => Float, {
    description:
      'Up to 100 × the workload weight’s share (10 by default): how free the mentor still is (spreads interns over mentors).',
  })
  load: number;
}

@ObjectType('MatchSuggestion', {
  description:
    'A suggested primary mentor for an unmatched intern, from an optimisation over the whole cohort, with its score and the reasons in words.',
})
export class MatchSuggestionType {
  @Field(() => InternType)
  intern: InternType;

  @Field(() => MentorType, {
    nullable: true,
    description: 'null when no mentor available for the cohort has a free place.',
  })
  mentor: MentorType | null;

  @Field(() => MentorRole)
  role: MentorRole;

  @Field(() => Float, { description: '0 to 100.' })
  score: number;

  @Field(() => [String], {
    description: 'Why, e.g. "shares recommender systems", "3 h working-hours overlap", "1 of 2 places left".',
  })
  reasons: string[];

  @Field(() => MatchScoreBreakdownType)
  breakdown: MatchScoreBreakdownType;

  @Field(() => [String], { description: 'The intern’s focus areas the mentor shares.' })
  sharedFocusAreas: string[];

  @Field(() => Float, {
    nullable: true,
    description:
      'Average working-hours overlap per working day over the cohort’s weeks (the mentor’s own hours, the intern’s 09:00–17:00 local; DST-aware).',
  })
  workingHoursOverlap: number | null;

  @Field(() => Int, { nullable: true, description: 'The mentor’s free places now, before any of these suggestions.' })
  placesLeft: number | null;

  @Field(() => MatchWeightsType, { description: 'The cohort’s weights this score was computed with.' })
  weights: MatchWeightsType;
}
