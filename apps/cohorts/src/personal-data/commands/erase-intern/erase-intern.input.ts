import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class EraseInternInput {
  @Field(() => ID, { description: "The intern's user id (their `sub`)" }) internId: string;
  @Field({ description: 'Why the data is erased (1 to 500 characters; kept in the erasure record)' })
  reason: string;
}
