import { ArgsType, Field, ID } from '@nestjs/graphql';
import { PageArgs } from '#platform';

@ArgsType()
export class MentorsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only mentors available for this cohort.' })
  cohortId?: string;
}
