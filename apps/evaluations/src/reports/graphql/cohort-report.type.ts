import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CriterionAverageType } from '../../presentations/graphql/presentation.type.js';
import type { Tendency } from '../domain/cohort-report.js';

export const TendencyEnum = { LENIENT: 'LENIENT', HARSH: 'HARSH', ALIGNED: 'ALIGNED' } as const;
registerEnumType(TendencyEnum, {
  name: 'GraderTendency',
  description: 'LENIENT / HARSH: the mentor’s mean is at least 0.5 above / below the cohort’s; ALIGNED otherwise',
});

@ObjectType('ReturnOfferCounts')
export class ReturnOfferCountsType {
  @Field(() => Int) strongYes: number;
  @Field(() => Int) yes: number;
  @Field(() => Int) no: number;
  @Field(() => Int, { description: 'STRONG_YES + YES' }) recommended: number;
  @Field(() => Float, { nullable: true, description: 'Recommended of the final evaluations, 0–1' }) recommendationRate:
    number | null;
  @Field(() => Int, { description: 'Offers made (recordOfferDecision EXTENDED), whatever became of them since' })
  extended: number;
  @Field(() => Int) accepted: number;
  @Field(() => Int) declined: number;
  @Field(() => Float, { nullable: true, description: 'Accepted of the offers decided (accepted + declined), 0–1' })
  acceptanceRate: number | null;
}

@ObjectType('CompetencyAverage')
export class CompetencyAverageType {
  @Field() competency: string;
  @Field() name: string;
  @Field(() => Float, { nullable: true, description: 'Mentor evaluations, both cycles' }) average: number | null;
  @Field(() => Float, { nullable: true }) midpointAverage: number | null;
  @Field(() => Float, { nullable: true }) finalAverage: number | null;
  @Field(() => Float, { nullable: true, description: 'The interns’ self-evaluations' }) selfAverage: number | null;
  @Field(() => Int, { description: 'Mentor scores given' }) count: number;
}

@ObjectType('MentorCalibration')
export class MentorCalibrationType {
  @Field(() => ID) mentorId: string;
  @Field(() => Int) evaluations: number;
  @Field(() => Int) scores: number;
  @Field(() => Float) meanScore: number;
  @Field(() => Float, { description: 'The mentor’s mean minus the cohort’s' }) difference: number;
  @Field(() => TendencyEnum) tendency: Tendency;
}

@ObjectType('Calibration')
export class CalibrationType {
  @Field(() => Float, { nullable: true }) cohortMean: number | null;
  @Field(() => [MentorCalibrationType]) mentors: MentorCalibrationType[];
}

@ObjectType('ProgramNps', {
  description: 'Standard NPS: % promoters (9–10) minus % detractors (0–6), from the FINAL self-evaluations',
})
export class ProgramNpsType {
  @Field(() => Float, { nullable: true, description: '−100 to 100' }) score: number | null;
  @Field(() => Int) responses: number;
  @Field(() => Int) promoters: number;
  @Field(() => Int) passives: number;
  @Field(() => Int) detractors: number;
}

@ObjectType('CohortPresentationSummary')
export class CohortPresentationSummaryType {
  @Field(() => Float, { nullable: true }) averageScore: number | null;
  @Field(() => Int, { description: 'Panel scorings' }) panelCount: number;
  @Field(() => [CriterionAverageType]) criteria: CriterionAverageType[];
}

@ObjectType('CheckInRate')
export class CheckInRateType {
  @Field(() => Int) logged: number;
  @Field(() => Int) missed: number;
  @Field(() => Float, { nullable: true, description: 'logged / (logged + missed), 0–1' }) rate: number | null;
}

@ObjectType('ReportRate')
export class ReportRateType {
  @Field(() => Int) onTime: number;
  @Field(() => Int) late: number;
  @Field(() => Int) missing: number;
  @Field(() => Float, { nullable: true, description: 'onTime / (onTime + late + missing), 0–1' }) onTimeRate:
    number | null;
}

@ObjectType('RiskCounts')
export class RiskCountsType {
  @Field(() => Int) green: number;
  @Field(() => Int) amber: number;
  @Field(() => Int) red: number;
}

@ObjectType('CohortReport', { description: 'A cohort’s outcomes and program analytics (program managers)' })
export class CohortReportType {
  @Field(() => ID) cohortId: string;
  @Field(() => String, { nullable: true }) cohortName: string | null;
  @Field(() => Int) currentWeek: number;
  @Field(() => Int) interns: number;
  @Field(() => Int) inProgram: number;
  @Field(() => Int) completed: number;
  @Field(() => Int) terminated: number;
  @Field(() => Int) withdrawn: number;
  @Field(() => Int) extended: number;
  @Field(() => Int, {
    description:
      'Interns still enrolled after their own program (extensions included) ended, with no final outcome recorded',
  })
  awaitingFinalOutcome: number;
  @Field(() => Int) passed: number;
  @Field(() => Int) failed: number;
  @Field(() => Float, { nullable: true, description: 'Completed of enrolled, 0–1' }) completionRate: number | null;
  @Field(() => Float, { nullable: true, description: 'PASS of the final outcomes, 0–1' }) passRate: number | null;
  @Field(() => ReturnOfferCountsType) returnOffers: ReturnOfferCountsType;
  @Field(() => [CompetencyAverageType]) rubricAverages: CompetencyAverageType[];
  @Field(() => CohortPresentationSummaryType) presentation: CohortPresentationSummaryType;
  @Field(() => CalibrationType, { description: 'Each primary mentor’s mean evaluation score against the cohort’s' })
  mentorCalibration: CalibrationType;
  @Field(() => CalibrationType, { description: 'Each panel mentor’s mean presentation score against the cohort’s' })
  panelCalibration: CalibrationType;
  @Field(() => ProgramNpsType) programNps: ProgramNpsType;
  @Field(() => CheckInRateType) checkIns: CheckInRateType;
  @Field(() => ReportRateType) milestoneReports: ReportRateType;
  @Field(() => RiskCountsType) risk: RiskCountsType;
}
