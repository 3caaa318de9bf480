import { Field, InputType, Int } from '@nestjs/graphql';
import { WorkMode } from '../../../shared/graphql/enums.js';

/** Validation lives in the domain (Cohort.schedule), which names every offending field. */
@InputType()
export class ScheduleCohortInput {
  @Field() name: string;
  @Field({ description: 'First day: a Monday (YYYY-MM-DD) in the cohort timezone, not in the past' }) startDate: string;
  @Field(() => Int, { nullable: true, defaultValue: 12, description: '10 to 22 (default 12)' }) weeks?: number | null;
  @Field({ description: 'IANA time zone, e.g. Europe/Berlin' }) timezone: string;
  @Field() location: string;
  @Field(() => WorkMode) workMode: WorkMode;
  @Field(() => Int, { description: '1 to 1000' }) capacity: number;
}
