import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class ExtendInternshipInput {
  @Field(() => ID) cohortId: string;
  @Field(() => ID) internId: string;
  @Field(() => Int, { description: 'Weeks to add: 1 to 5, and at most 5 in total per internship' }) weeks: number;
  @Field({ description: 'Up to 1000 characters' }) reason: string;
}
