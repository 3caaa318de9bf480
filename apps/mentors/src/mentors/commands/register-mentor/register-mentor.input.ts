import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class RegisterMentorInput {
  @Field(() => ID, { description: "The mentor's user id: the `sub` of their token." })
  mentorId: string;

  @Field()
  name: string;

  @Field()
  email: string;

  @Field()
  team: string;

  @Field(() => [String], { description: '1 to 20 areas, e.g. "recommender systems".' })
  expertise: string[];

  @Field({ description: 'IANA time zone, e.g. Europe/Berlin.' })
  timezone: string;

  @Field(() => Int, { nullable: true, description: 'Interns at once, 1 to 10 (default 2).' })
  capacity?: number | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Cohorts the mentor is available for; leave out for every cohort.',
  })
  cohortIds?: string[] | null;
}
