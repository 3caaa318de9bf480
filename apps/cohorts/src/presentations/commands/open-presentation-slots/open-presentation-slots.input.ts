import { Field, ID, InputType, Int } from '@nestjs/graphql';

/** Validation lives in the domain (PresentationSlot.open), which names every offending field. */
@InputType()
export class PresentationSlotInput {
  @Field({
    description: 'ISO 8601 date-time with an offset, inside a presentations week, e.g. 2027-08-24T14:00:00+02:00',
  })
  startsAt: string;
  @Field(() => Int, { description: '10 to 240' }) durationMinutes: number;
  @Field(() => [ID], { description: '1 to 5 registered mentors' }) panelMentorIds: string[];
}

@InputType()
export class OpenPresentationSlotsInput {
  @Field(() => ID) cohortId: string;
  @Field(() => [PresentationSlotInput], { description: '1 to 50 slots' }) slots: PresentationSlotInput[];
}
