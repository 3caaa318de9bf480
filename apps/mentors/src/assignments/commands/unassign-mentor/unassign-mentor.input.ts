import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class UnassignMentorInput {
  @Field(() => ID)
  internId: string;

  @Field(() => ID)
  mentorId: string;
}
