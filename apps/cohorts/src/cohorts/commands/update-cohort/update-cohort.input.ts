import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { WorkMode } from '../../../shared/graphql/enums.js';

/** At least one field besides `cohortId`; each is checked as in scheduleCohort (validateCohortUpdate names the fields). */
@InputType()
export class UpdateCohortInput {
  @Field(() => ID) cohortId: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true, description: '1 to 1000, not below the interns enrolled' })
  capacity?: number | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => WorkMode, { nullable: true }) workMode?: WorkMode | null;
  @Field(() => String, { nullable: true, description: 'A Monday (YYYY-MM-DD), not in the past; only while SCHEDULED' })
  startDate?: string | null;
  @Field(() => Int, { nullable: true, description: '10 to 22; only while SCHEDULED' }) weeks?: number | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone; only while SCHEDULED' })
  timezone?: string | null;
}
