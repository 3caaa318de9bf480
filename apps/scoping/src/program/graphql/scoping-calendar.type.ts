import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ScopingCalendar', { description: 'When an intern’s project scope is due, from their cohort’s calendar' })
export class ScopingCalendarType {
  @Field(() => ID) internId: string;
  @Field(() => ID) cohortId: string;
  @Field({ description: 'First day of the cohort (a Monday), YYYY-MM-DD in the cohort’s timezone' })
  cohortStartDate: string;
  @Field(() => Int, { description: 'Length of the cohort’s program in weeks' }) cohortWeeks: number;
  @Field({ description: 'The cohort’s IANA timezone' }) timezone: string;
  @Field(() => Int, { description: 'The program week the scope is due at the end of' }) scopeDueWeek: number;
  @Field({ description: 'Last day to get the scope approved, YYYY-MM-DD in the cohort’s timezone' })
  scopeDueDate: string;
  @Field(() => GraphQLISODateTime, {
    description: 'The instant the scope becomes overdue (midnight after scopeDueDate)',
  })
  scopeDueAt: Date;
}
