import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { LocalDateScalar } from './local-date.scalar.js';

/** One cohort of `programReport`: a cohort whose program ended in the range. */
@ObjectType('ProgramReportRow')
export class ProgramReportRowType {
  @Field(() => ID) cohortId: string;
  @Field(() => String, { nullable: true }) cohortName: string | null;
  @Field(() => LocalDateScalar, { description: "The last day of the cohort's program (its weeks, without extensions)" })
  endedOn: string;
  @Field(() => Int, { description: 'Interns enrolled (any status)' }) interns: number;
  @Field(() => Int) completed: number;
  @Field(() => Float, { nullable: true, description: 'Completed of enrolled, 0–1' }) completionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'PASS of the final outcomes, 0–1' }) passRate: number | null;
  @Field(() => Int, { description: 'Final evaluations recommending an offer (STRONG_YES or YES)' })
  offersRecommended: number;
  @Field(() => Int, { description: 'Offers made (EXTENDED), whatever became of them since' }) offersExtended: number;
  @Field(() => Int) offersAccepted: number;
  @Field(() => Float, { nullable: true, description: 'Accepted of the offers decided (accepted + declined), 0–1' })
  acceptanceRate: number | null;
  @Field(() => Float, { nullable: true, description: 'Program NPS, −100 to 100 (as in cohortReport)' })
  nps: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Mean of the interns' feedback on their mentors (each feedback's average), 1–5",
  })
  mentorFeedbackAverage: number | null;
}
