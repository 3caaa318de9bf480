import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class BookPresentationSlotInput {
  @Field(() => ID) slotId: string;
}
