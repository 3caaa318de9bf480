import { Field, ID, InputType, Int } from '@nestjs/graphql';

/** Validation lives in the domain (TechTalk.reschedule), which names every offending field. */
@InputType()
export class RescheduleTechTalkInput {
  @Field(() => ID) talkId: string;
  @Field({ description: 'ISO 8601 date-time with an offset, inside the cohort dates, e.g. 2027-06-15T16:00:00+02:00' })
  startsAt: string;
  @Field(() => Int, { description: '5 to 480' }) durationMinutes: number;
}
