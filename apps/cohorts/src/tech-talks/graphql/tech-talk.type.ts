import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { TechTalkSnapshot } from '../domain/tech-talk.js';

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
}
