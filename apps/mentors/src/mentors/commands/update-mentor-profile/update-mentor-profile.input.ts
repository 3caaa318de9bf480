import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { WorkingHoursInput } from '../../graphql/working-hours.type.js';

/** Fields left out stay as they are. */
@InputType()
export class UpdateMentorProfileInput {
  @Field(() => ID, { description: 'The mentor to change.' })
  mentorId: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  team?: string | null;

  @Field(() => [String], { nullable: true, description: '1 to 20 areas; replaces the list.' })
  expertise?: string[] | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Berlin.' })
  timezone?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Interns at once, 1 to 10; not below the interns the mentor has now (CONFLICT).',
  })
  capacity?: number | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Availability: the cohorts the mentor is available for (replaces the list); null makes them available for every cohort; leave out to keep.',
  })
  cohortIds?: string[] | null;

  @Field(() => WorkingHoursInput, {
    nullable: true,
    description:
      'Weekday working hours ("HH:MM", the mentor’s time zone, start before end) that matching scores the overlap with; null: back to 09:00–17:00; leave out to keep.',
  })
  workingHours?: WorkingHoursInput | null;
}
