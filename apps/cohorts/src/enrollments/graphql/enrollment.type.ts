import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { EnrollmentOutcome, EnrollmentStatus } from '../../shared/graphql/enums.js';

/** `Enrollment`: one intern in one cohort; `cohort` and `intern` are resolved by EnrollmentFieldsResolver. */
@ObjectType('Enrollment')
export class EnrollmentType {
  @Field(() => ID) id: string;
  @Field(() => ID) cohortId: string;
  @Field(() => ID) internId: string;
  @Field(() => EnrollmentStatus) status: EnrollmentStatus;
  @Field(() => GraphQLISODateTime) enrolledAt: Date;
  @Field(() => Int, { description: "Weeks the intern's own program was extended by, in total (0 to 5)" })
  extensionWeeks: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it became COMPLETED, WITHDRAWN or TERMINATED' })
  endedAt: Date | null;
  @Field(() => EnrollmentOutcome, { nullable: true, description: 'The final outcome, once COMPLETED' })
  outcome: EnrollmentOutcome | null;
}
