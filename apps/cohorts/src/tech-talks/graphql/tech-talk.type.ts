import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TechTalkStatus, type TechTalkSnapshot } from '../domain/tech-talk.js';

registerEnumType(TechTalkStatus, {
  name: 'TechTalkStatus',
  description: 'SCHEDULED, or CANCELLED by a program manager (still shown, as cancelled)',
});

/** `TechTalk`: a talk on a cohort's calendar; computed fields in TechTalkFieldsResolver. */
@ObjectType('TechTalk', { description: "A tech talk on a cohort's calendar, with its RSVP and attendance counts" })
@Directive('@key(fields: "id")')
export class TechTalkType implements Partial<TechTalkSnapshot> {
  @Field(() => ID) id: string;
  @Field(() => ID) cohortId: string;
  @Field() title: string;
  @Field() speaker: string;
  @Field(() => String, { nullable: true }) abstract: string | null;
  @Field(() => GraphQLISODateTime) startsAt: Date;
  @Field(() => Int) durationMinutes: number;
  @Field(() => String, { nullable: true }) joinUrl: string | null;
  @Field(() => Int, { description: 'Interns who said they will come' }) rsvpCount: number;
  @Field(() => Int, { description: 'Interns recorded as present' }) attendanceCount: number;
  @Field(() => TechTalkStatus) status: TechTalkStatus;
  @Field(() => Int, {
    description: "The talk's calendar revision (.ics SEQUENCE): raised when it is moved or cancelled",
  })
  sequence: number;
  @Field(() => String, { nullable: true, description: 'Why it was cancelled' }) cancellationReason: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) cancelledAt: Date | null;
}
