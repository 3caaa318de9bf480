import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { CohortPhase } from '../../shared/graphql/enums.js';

@ObjectType('CohortCalendarWeek', { description: 'One week of a cohort: Monday to Sunday in the cohort timezone' })
export class CohortCalendarWeekType {
  @Field(() => Int) week: number;
  @Field({ description: 'Monday of the week (YYYY-MM-DD)' }) startsOn: string;
  @Field({ description: 'Sunday of the week (YYYY-MM-DD, inclusive)' }) endsOn: string;
  @Field(() => GraphQLISODateTime, { description: 'Local midnight of startsOn in the cohort timezone' }) startsAt: Date;
  @Field(() => GraphQLISODateTime, { description: 'Local midnight after endsOn in the cohort timezone (exclusive)' })
  endsAt: Date;
  @Field(() => CohortPhase) phase: CohortPhase;
}

@ObjectType('CohortDateRange')
export class CohortDateRangeType {
  @Field({ description: 'YYYY-MM-DD' }) startsOn: string;
  @Field({ description: 'YYYY-MM-DD, inclusive' }) endsOn: string;
}

@ObjectType('CohortKeyDates')
export class CohortKeyDatesType {
  @Field({ description: 'End of week 2: the project scope is due' }) scopeDue: string;
  @Field(() => CohortDateRangeType, { description: 'The midpoint week (floor(weeks / 2))' })
  midpointWindow: CohortDateRangeType;
  @Field(() => CohortDateRangeType, { description: 'The last week: final presentations' })
  presentationsWeek: CohortDateRangeType;
  @Field({ description: 'End of the last week' }) finalEvaluationsDue: string;
  @Field({ description: 'The last day of the program' }) programEnd: string;
}

/** `CohortCalendar`; its talks and presentation slots are resolved by CohortCalendarFieldsResolver. */
@ObjectType('CohortCalendar')
export class CohortCalendarType {
  @Field(() => [CohortCalendarWeekType]) weeks: CohortCalendarWeekType[];
  @Field(() => CohortKeyDatesType) keyDates: CohortKeyDatesType;
}
