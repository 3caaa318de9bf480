import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class EraseMentorInput {
  @Field(() => ID, { description: 'The mentor whose personal data is erased.' })
  mentorId: string;

  @Field({ description: 'Why (1 to 500 characters, recorded with the erasure); name no personal data here.' })
  reason: string;
}
