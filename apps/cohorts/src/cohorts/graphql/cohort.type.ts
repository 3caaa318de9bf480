import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CohortSnapshot } from '../domain/cohort.js';
import { CohortPhase, CohortStatus, WorkMode } from '../../shared/graphql/enums.js';

/** `Cohort`, owned by this service; resolved from a CohortSnapshot (see CohortFieldsResolver). */
@ObjectType('Cohort', { description: 'A cohort of interns with its week-by-week calendar' })
@Directive('@key(fields: "id")')
export class CohortType implements Partial<CohortSnapshot> {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'First day, a Monday (YYYY-MM-DD) in the cohort timezone' }) startDate: string;
  @Field(() => Int) weeks: number;
  @Field({ description: 'IANA time zone of the cohort calendar' }) timezone: string;
  @Field() location: string;
  @Field(() => WorkMode) workMode: WorkMode;
  @Field(() => Int) capacity: number;
  @Field(() => CohortStatus) status: CohortStatus;
  @Field(() => Int, { description: 'Places taken' }) enrolledCount: number;
  @Field(() => GraphQLISODateTime, { description: 'The instant the cohort starts: local midnight of startDate' })
  startsAt: Date;
  @Field(() => GraphQLISODateTime) scheduledAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) cancelledAt: Date | null;
  @Field(() => String, { nullable: true }) cancellationReason: string | null;
  @Field(() => Int, {
    description: 'The week the program clock last opened: 0 before the start, weeks + 1 once completed',
  })
  currentWeek: number;
  @Field(() => CohortPhase, {
    nullable: true,
    description: 'The phase the program clock last entered; null before the start',
  })
  currentPhase: CohortPhase | null;
}
