import { Field, ID, ObjectType } from '@nestjs/graphql';

/** The signed-in caller; `enrollments` and `intern` are resolved by MeFieldsResolver. */
@ObjectType('Me')
export class MeType {
  @Field(() => ID, { description: 'The user id (`sub` claim)' }) sub: string;
  @Field(() => [String]) roles: string[];
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
}
