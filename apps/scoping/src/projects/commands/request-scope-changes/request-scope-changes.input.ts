import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class RequestScopeChangesInput {
  @Field(() => ID) projectId: string;
  @Field({ description: 'What should change (required)' }) feedback: string;
  @Field(() => Int, { nullable: true, description: 'The project revision you last read; a stale one is a CONFLICT' })
  expectedRevision?: number | null;
}
