import { Field, ID, InputType, Int } from '@nestjs/graphql';

/** Validation lives in the domain (TechTalk.schedule), which names every offending field. */
@InputType()
export class ScheduleTechTalkInput {
  @Field(() => ID) cohortId: string;
  @Field() title: string;
  @Field() speaker: string;
  @Field(() => String, { nullable: true }) abstract?: string | null;
  @Field({ description: 'ISO 8601 date-time with an offset, inside the cohort dates, e.g. 2027-06-15T16:00:00+02:00' })
  startsAt: string;
  @Field(() => Int, { description: '5 to 480' }) durationMinutes: number;
  @Field(() => String, { nullable: true, description: 'http(s) link to join the talk' }) joinUrl?: string | null;
}
