import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class ReinstateInternInput {
  @Field(() => ID) cohortId: string;
  @Field(() => ID) internId: string;
  @Field({ description: 'Why the intern comes back (up to 1000 characters; shared with the other services)' })
  reason: string;
}
