import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class RsvpTechTalkInput {
  @Field(() => ID) talkId: string;
}
