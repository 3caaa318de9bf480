import { Field, ID, InputType } from '@nestjs/graphql';
import { DegreeLevel } from '../../../shared/graphql/enums.js';

/** Validation lives in the domain (Cohort.enroll), which names every offending field. */
@InputType()
export class EnrollInternInput {
  @Field(() => ID) cohortId: string;
  @Field(() => ID, { description: "The intern's user id (their `sub`)" }) internId: string;
  @Field() name: string;
  @Field() email: string;
  @Field() university: string;
  @Field(() => DegreeLevel) degreeLevel: DegreeLevel;
  @Field(() => [String], { nullable: true, defaultValue: [], description: 'Up to 20' }) focusAreas?: string[] | null;
  @Field({ description: 'IANA time zone the intern works in' }) timezone: string;
}
