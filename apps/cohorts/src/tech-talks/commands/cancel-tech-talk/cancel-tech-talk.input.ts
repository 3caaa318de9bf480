import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CancelTechTalkInput {
  @Field(() => ID) talkId: string;
  @Field({ description: 'Why the talk is cancelled (told to the interns who RSVPed), up to 1000 characters' })
  reason: string;
}
