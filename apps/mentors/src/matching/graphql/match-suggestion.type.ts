import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { MentorRole } from '../../assignments/graphql/mentor-role.enum.js';
import { InternType } from '../../interns/graphql/intern.type.js';
import { MentorType } from '../../mentors/graphql/mentor.type.js';

@ObjectType('MatchScoreBreakdown', { description: 'The parts of a suggestion’s score.' })
export class MatchScoreBreakdownType {
  @Field(() => Float, { description: 'Up to 60: the share of the intern’s focus areas the mentor knows.' })
  expertise: number;

  @Field(() => Float, { description: 'Up to 30: working-hours overlap (4 h a day or more earns it all).' })
  workingHours: number;

  @Field(() => Float, { description: 'Up to 10: how free the mentor still is (spreads interns over mentors).' })
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
      'Average working-hours overlap per working day over the cohort’s weeks (09:00–17:00 local, DST-aware).',
  })
  workingHoursOverlap: number | null;

  @Field(() => Int, { nullable: true, description: 'The mentor’s free places now, before any of these suggestions.' })
  placesLeft: number | null;
}
