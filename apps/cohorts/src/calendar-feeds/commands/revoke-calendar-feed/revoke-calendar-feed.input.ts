import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class RevokeCalendarFeedInput {
  @Field(() => ID, { description: 'A feed of the caller' }) feedId: string;
}
