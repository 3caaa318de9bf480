import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '#platform';
import type { Mentor } from '../domain/mentor.js';
import { WorkingHoursType } from './working-hours.type.js';

@ObjectType('Mentor', { description: 'A mentor: profile, expertise, timezone and how many interns they take at once.' })
@Directive('@key(fields: "id")')
export class MentorType {
  @Field(() => ID, { description: "The mentor's user id (the `sub` of their token)." })
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'Visible to program managers and mentors; null for interns.' })
  email: string | null;

  @Field()
  team: string;

  @Field(() => [String])
  expertise: string[];

  @Field({ description: 'IANA time zone the mentor works in.' })
  timezone: string;

  @Field(() => Int, { description: 'Interns the mentor takes at most at once.' })
  capacity: number;

  @Field(() => [ID], { nullable: true, description: 'Cohorts the mentor is available for; null means every cohort.' })
  cohortIds: string[] | null;

  @Field(() => WorkingHoursType, {
    nullable: true,
    description: 'Weekday working hours in the mentor’s time zone, used by matching; null: 09:00–17:00 assumed.',
  })
  workingHours: WorkingHoursType | null;

  @Field()
  registeredAt: Date;

  @Field({
    description:
      'Whether the mentor’s personal data was erased (eraseMentor): name "Erased mentor", e-mail `erased-…@erased.invalid`; no more updates or new assignments',
  })
  erased: boolean;

  static from(mentor: Mentor): MentorType {
    const s = mentor.snapshot();
    const t = new MentorType();
    t.id = s.mentorId;
    t.name = s.name;
    t.email = s.email;
    t.team = s.team;
    t.expertise = s.expertise;
    t.timezone = s.timezone;
    t.capacity = s.capacity;
    t.cohortIds = s.cohortIds;
    t.workingHours = s.workingHours ? { ...s.workingHours } : null;
    t.registeredAt = s.registeredAt;
    t.erased = s.erasedAt !== null;
    return t;
  }
}

export const MentorConnection = ConnectionType(MentorType, 'Mentor');
