import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class ClosePresentationSlotInput {
  @Field(() => ID) slotId: string;
  @Field({ description: 'Why the slot is closed (told to the intern who booked it), up to 1000 characters' })
  reason: string;
}
