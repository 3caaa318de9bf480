import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '#platform';
import type { TechTalkSnapshot } from '../domain/tech-talk.js';
import { TechTalkType } from './tech-talk.type.js';

@ObjectType('InternTechTalk', { description: "A talk of one of the intern's cohorts, with their RSVP and attendance" })
export class InternTechTalkType {
  @Field(() => TechTalkType) talk: TechTalkSnapshot;
  @Field() rsvped: boolean;
  @Field() attended: boolean;
}

@ObjectType('InternTalkAttendance', { description: "An intern's tech-talk attendance across their cohorts" })
export class InternTalkAttendanceType {
  @Field(() => Int, { description: "Talks scheduled in the intern's cohorts (cancelled ones left out)" }) talks: number;
  @Field(() => Int) rsvped: number;
  @Field(() => Int) attended: number;
}

export const InternTechTalkConnection = ConnectionType(InternTechTalkType, 'InternTechTalk');
