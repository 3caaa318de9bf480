import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CancelPresentationBookingInput {
  @Field(() => ID) slotId: string;
}
