import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '#platform';
import { MentorRole } from '../../assignments/graphql/mentor-role.enum.js';
import { MentorType } from '../../mentors/graphql/mentor.type.js';
import type { StoredCheckIn } from '../persistence/check-in.repository.js';
import { CheckInProgressEnum, CheckInWeekStateEnum } from './check-in.enums.js';

@ObjectType('CheckIn', { description: 'A weekly check-in a mentor logged with an intern.' })
export class CheckInType {
  @Field(() => ID)
  id: string;

  /** Resolved by CheckInResolver: `intern`, `mentor`, `privateNotes` (who may see them is checked there). */
  internId: string;
  mentorId: string;
  restrictedPrivateNotes: string | null;

  @Field(() => ID)
  cohortId: string;

  @Field({ description: 'The day it took place (YYYY-MM-DD).' })
  occurredOn: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The program week of occurredOn in the intern’s cohort calendar; null outside the program.',
  })
  week: number | null;

  @Field(() => Int)
  durationMinutes: number;

  @Field()
  format: string;

  @Field(() => CheckInProgressEnum)
  progress: CheckInProgressEnum;

  @Field({ description: 'Shared with the intern.' })
  notes: string;

  @Field(() => [String])
  blockers: string[];

  @Field(() => [String])
  actionItems: string[];

  @Field()
  loggedAt: Date;

  static from(row: StoredCheckIn): CheckInType {
    const t = new CheckInType();
    t.id = row.id;
    t.internId = row.internId;
    t.mentorId = row.mentorId;
    t.restrictedPrivateNotes = row.privateNotes;
    t.cohortId = row.cohortId;
    t.occurredOn = row.occurredOn;
    t.week = row.week;
    t.durationMinutes = row.durationMinutes;
    t.format = row.format;
    t.progress = row.progress as CheckInProgressEnum;
    t.notes = row.notes;
    t.blockers = row.blockers;
    t.actionItems = row.actionItems;
    t.loggedAt = row.loggedAt;
    return t;
  }
}

export const CheckInConnection = ConnectionType(CheckInType, 'CheckIn');

@ObjectType('MentorCheckInWeekStatus', { description: 'One mentor–intern pair in one week.' })
export class MentorCheckInWeekStatusType {
  @Field(() => ID)
  mentorId: string;

  @Field(() => MentorType, { nullable: true })
  mentor: MentorType | null;

  @Field(() => MentorRole, { nullable: true, description: 'The mentor’s role now; null when no longer assigned.' })
  role: MentorRole | null;

  @Field(() => CheckInWeekStateEnum)
  state: CheckInWeekStateEnum;
}

@ObjectType('CheckInWeekStatus', { description: 'An intern’s check-ins in one program week.' })
export class CheckInWeekStatusType {
  @Field(() => Int)
  week: number;

  @Field(() => String, {
    nullable: true,
    description: 'Monday of the week; null until the cohort’s calendar is known.',
  })
  startsOn: string | null;

  @Field(() => String, { nullable: true, description: 'Sunday of the week.' })
  endsOn: string | null;

  @Field(() => CheckInWeekStateEnum, {
    description:
      'CHECKED_IN if any of the intern’s mentors logged a check-in that week; else MISSED, DUE, UPCOMING or NOT_EXPECTED.',
  })
  state: CheckInWeekStateEnum;

  @Field(() => [CheckInType], { description: 'The check-ins of the week, newest first.' })
  checkIns: CheckInType[];

  @Field(() => [MentorCheckInWeekStatusType], {
    description: 'Each active mentor, and any former one who logged or missed a check-in that week.',
  })
  mentors: MentorCheckInWeekStatusType[];
}
