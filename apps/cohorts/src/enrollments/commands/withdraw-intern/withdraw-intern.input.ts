import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class WithdrawInternInput {
  @Field(() => ID) cohortId: string;
  @Field(() => ID) internId: string;
  @Field({ description: 'Why the intern leaves (up to 1000 characters; shared with the other services)' })
  reason: string;
}
