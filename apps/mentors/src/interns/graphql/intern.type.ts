import { Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * The Intern entity is owned by the cohorts service; this subgraph extends it with the mentoring
 * fields (`mentoringProfile`, `mentors`).
 * The stub (only the key) is one class, `InternType` of `#platform`, shared by every subgraph that extends Intern.
 */
export { InternType } from '#platform';

@ObjectType('InternMentoringProfile', {
  description: 'What the mentors service knows of an intern from their enrollment: the input to matching.',
})
export class InternMentoringProfile {
  @Field(() => ID, { description: 'The cohort of the intern’s most recent enrollment.' })
  cohortId: string;

  @Field(() => [String])
  focusAreas: string[];

  @Field({ description: 'IANA time zone the intern works in.' })
  timezone: string;

  @Field({ description: 'When the intern was enrolled.' })
  enrolledAt: Date;

  @Field({ description: 'When the mentors service learned of the enrollment.' })
  knownSince: Date;
}
