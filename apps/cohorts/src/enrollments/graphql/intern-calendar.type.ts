import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { CohortKeyDatesType } from '../../cohorts/graphql/calendar.type.js';
import { CohortPhase, ExtensionSource } from '../../shared/graphql/enums.js';

@ObjectType('InternCalendarWeek', { description: "One week of an intern's own program" })
export class InternCalendarWeekType {
  @Field(() => Int) week: number;
  @Field({ description: 'Monday of the week (YYYY-MM-DD)' }) startsOn: string;
  @Field({ description: 'Sunday of the week (YYYY-MM-DD, inclusive)' }) endsOn: string;
  @Field(() => GraphQLISODateTime) startsAt: Date;
  @Field(() => GraphQLISODateTime) endsAt: Date;
  @Field(() => CohortPhase) phase: CohortPhase;
  @Field({ description: 'Added by an extension (a BUILD week)' }) extension: boolean;
}

@ObjectType('InternCalendar', {
  description:
    "An intern's own calendar: the cohort's, with their extension weeks inserted and their later due dates moved",
})
export class InternCalendarType {
  @Field(() => [InternCalendarWeekType]) weeks: InternCalendarWeekType[];
  @Field(() => CohortKeyDatesType) keyDates: CohortKeyDatesType;
  @Field(() => Int, { description: "The cohort's weeks plus the extension" }) programWeeks: number;
  @Field(() => Int) extensionWeeks: number;
}

@ObjectType('InternshipExtension', { description: "An extension of an intern's program" })
export class InternshipExtensionType {
  @Field(() => ID) id: string;
  @Field(() => Int) weeks: number;
  @Field(() => Int, { description: "The intern's week after which the weeks were inserted" }) afterWeek: number;
  @Field() reason: string;
  @Field(() => ExtensionSource) source: ExtensionSource;
  @Field(() => GraphQLISODateTime) grantedAt: Date;
}
