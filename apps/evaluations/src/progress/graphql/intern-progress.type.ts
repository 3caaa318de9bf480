import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Identity } from '#platform';
import { ConnectionType } from '#platform';
import type { EvaluationDecision, ReturnOffer } from '../../evaluations/domain/decision.js';
import type { EvaluationKind } from '../../evaluations/domain/evaluation.js';
import type { EvaluationCycle } from '../../evaluations/domain/evaluation-window.js';
import {
  EvaluationCycleEnum,
  EvaluationDecisionEnum,
  EvaluationKindEnum,
  ReturnOfferEnum,
} from '../../evaluations/graphql/enums.js';
import { InternType } from '../../graphql/intern.type.js';
import { riskByWeek, type RiskWeek } from '../domain/risk-weeks.js';
import { canSeeReturnOffer, canSeeRiskReasons } from '../../graphql/visibility.js';
import {
  PROGRESS_STATUSES,
  RISK_LEVELS,
  SCOPE_STATUSES,
  type InternProgress,
  type ProgressStatus,
  type RiskLevel,
  type ScopeStatus,
} from '../domain/intern-progress.js';

const asEnum = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const RiskLevelEnum = asEnum<RiskLevel>(RISK_LEVELS);
export const ProgressStatusEnum = asEnum<ProgressStatus>(PROGRESS_STATUSES);
export const ProgressScopeStatusEnum = asEnum<ScopeStatus>(SCOPE_STATUSES);

registerEnumType(RiskLevelEnum, {
  name: 'RiskLevel',
  description: 'GREEN: on track; AMBER: needs attention; RED: at risk',
});
registerEnumType(ProgressStatusEnum, {
  name: 'InternProgressStatus',
  description: 'The enrollment as the events tell it',
});
registerEnumType(ProgressScopeStatusEnum, {
  name: 'ProgressScopeStatus',
  description: 'The latest project scope event',
});

@ObjectType('RiskWeek', { description: 'An intern’s risk level in one program week' })
export class RiskWeekType {
  @Field(() => Int) week: number;
  @Field(() => RiskLevelEnum) level: RiskLevel;
}

@ObjectType('ProgressExtensionRefused', {
  description: 'A midpoint EXTEND the cohorts service could not apply (shown until the decision is corrected)',
})
export class ProgressExtensionRefusedType {
  @Field(() => Int) requestedWeeks: number;
  @Field() reason: string;
}

@ObjectType('ProgressOnboarding')
export class ProgressOnboardingType {
  @Field() done: boolean;
  @Field(() => Int) tasksCompleted: number;
}

@ObjectType('ProgressScope')
export class ProgressScopeType {
  @Field(() => ID, { nullable: true }) projectId: string | null;
  @Field(() => ProgressScopeStatusEnum) status: ScopeStatus;
  @Field(() => Int, { nullable: true }) version: number | null;
  @Field(() => Int, { nullable: true }) approvedVersion: number | null;
  @Field({ description: 'The scope deadline passed and no version is approved' }) overdue: boolean;
}

@ObjectType('ProgressCheckIns')
export class ProgressCheckInsType {
  @Field(() => Int) logged: number;
  @Field(() => Int, { description: 'Weeks reported missed for which no check-in was logged afterwards' })
  missed: number;
  @Field(() => [Int]) missedWeeks: number[];
  @Field(() => Int, { nullable: true }) lastWeek: number | null;
  @Field(() => String, { nullable: true, description: 'The progress the latest check-in recorded' }) lastProgress:
    string | null;
}

@ObjectType('ProgressOverdueMilestone')
export class ProgressOverdueMilestoneType {
  @Field(() => ID) milestoneId: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => Int) dueWeek: number;
}

@ObjectType('ProgressMilestoneReports')
export class ProgressMilestoneReportsType {
  @Field(() => Int) onTime: number;
  @Field(() => Int) late: number;
  @Field(() => Int, { description: 'Milestones overdue without a report' }) missing: number;
  @Field(() => [ProgressOverdueMilestoneType]) overdueMilestones: ProgressOverdueMilestoneType[];
  @Field(() => Int) accepted: number;
  @Field(() => Int) revisionRequested: number;
}

@ObjectType('ProgressTalks')
export class ProgressTalksType {
  @Field(() => Int) scheduled: number;
  @Field(() => Int, { description: 'Talks whose attendance was recorded' }) held: number;
  @Field(() => Int) attended: number;
  @Field(() => Int) rsvped: number;
}

@ObjectType('ProgressPresentation')
export class ProgressPresentationType {
  @Field(() => ID, { nullable: true, description: 'The booked slot' }) slotId: string | null;
  @Field(() => Int) scoreCount: number;
  @Field(() => Float, { nullable: true }) averageScore: number | null;
}

@ObjectType('ProgressOverdueEvaluation')
export class ProgressOverdueEvaluationType {
  @Field(() => EvaluationCycleEnum) cycle: EvaluationCycle;
  @Field(() => [EvaluationKindEnum]) missing: EvaluationKind[];
}

@ObjectType('ProgressEvaluationResults')
export class ProgressEvaluationResultsType {
  @Field(() => EvaluationDecisionEnum, { nullable: true }) midpointDecision: EvaluationDecision | null;
  @Field(() => Int, { nullable: true }) midpointExtensionWeeks: number | null;
  @Field(() => ProgressExtensionRefusedType, { nullable: true })
  midpointExtensionRefused: ProgressExtensionRefusedType | null;
  @Field(() => EvaluationDecisionEnum, { nullable: true, description: 'PASS or FAIL' })
  finalOutcome: EvaluationDecision | null;
  @Field(() => ReturnOfferEnum, { nullable: true, description: 'Null for the intern' }) returnOffer: ReturnOffer | null;
  @Field(() => Float, { nullable: true }) mentorMidpointAverage: number | null;
  @Field(() => Float, { nullable: true }) mentorFinalAverage: number | null;
  @Field(() => Float, { nullable: true }) selfMidpointAverage: number | null;
  @Field(() => Float, { nullable: true }) selfFinalAverage: number | null;
  @Field(() => [ProgressOverdueEvaluationType]) overdue: ProgressOverdueEvaluationType[];
}

@ObjectType('InternProgress', {
  description:
    'One intern’s progress in a cohort, built only from events (onboarding, scope, check-ins, milestone reports, talks, evaluations), with a risk level and its reasons',
})
export class InternProgressType {
  @Field(() => ID, { description: '<cohortId>/<internId>' }) id: string;
  @Field(() => ID) cohortId: string;
  @Field(() => ID) internId: string;
  @Field(() => InternType, {
    nullable: true,
    description: 'The intern (null when the owning service does not show them to the caller)',
  })
  intern: InternType;
  @Field() name: string;
  @Field(() => ProgressStatusEnum) enrollmentStatus: ProgressStatus;
  @Field(() => Int, { description: 'The cohort clock’s week (0 before the start, weeks + 1 after the end)' })
  currentWeek: number;
  @Field(() => Int, { nullable: true }) cohortWeeks: number | null;
  @Field(() => Int) extensionWeeks: number;
  @Field(() => ID, { nullable: true }) primaryMentorId: string | null;
  @Field(() => [ID]) mentorIds: string[];
  @Field(() => ProgressOnboardingType) onboarding: ProgressOnboardingType;
  @Field(() => ProgressScopeType) scope: ProgressScopeType;
  @Field(() => ProgressCheckInsType) checkIns: ProgressCheckInsType;
  @Field(() => ProgressMilestoneReportsType) milestoneReports: ProgressMilestoneReportsType;
  @Field(() => ProgressTalksType) talks: ProgressTalksType;
  @Field(() => ProgressPresentationType) presentation: ProgressPresentationType;
  @Field(() => ProgressEvaluationResultsType) evaluationResults: ProgressEvaluationResultsType;
  @Field({
    description:
      'The intern’s own program (extensions included) has ended, they are still enrolled and no final outcome is recorded',
  })
  awaitingFinalOutcome: boolean;
  @Field(() => RiskLevelEnum) riskLevel: RiskLevel;
  @Field(() => [RiskWeekType], {
    description:
      'The risk level of each program week, 1 to the intern’s current week (the last level seen in the week; a week without a change carries the previous level)',
  })
  riskByWeek: RiskWeekType[];
  @Field(() => [String], {
    description: 'Why the intern is at this level, in words (RED reasons first); empty for the intern themself',
  })
  riskReasons: string[];
}

export const InternProgressConnection = ConnectionType(InternProgressType, 'InternProgress');

/** The row as the caller may see it (the return-offer recommendation and the risk reasons are not for the intern). */
export function progressView(
  p: InternProgress & { recordedRiskWeeks?: RiskWeek[] },
  caller: Identity | undefined,
): InternProgressType {
  return {
    id: `${p.cohortId}/${p.internId}`,
    cohortId: p.cohortId,
    internId: p.internId,
    intern: InternType.ref(p.internId),
    name: p.name,
    enrollmentStatus: p.enrollmentStatus,
    currentWeek: p.cohort.currentWeek,
    cohortWeeks: p.cohort.weeks,
    extensionWeeks: p.extensionWeeks,
    primaryMentorId: p.primaryMentorId,
    mentorIds: [...p.mentorIds],
    onboarding: { ...p.onboarding },
    scope: { ...p.scope },
    checkIns: {
      logged: p.checkIns.logged,
      missed: p.checkIns.missed,
      missedWeeks: [...p.checkIns.missedWeeks],
      lastWeek: p.checkIns.lastWeek,
      lastProgress: p.checkIns.recentProgress[0] ?? null,
    },
    milestoneReports: {
      onTime: p.milestoneReports.onTime,
      late: p.milestoneReports.late,
      missing: p.milestoneReports.missing,
      overdueMilestones: p.milestoneReports.missingMilestones.map((m) => ({ ...m })),
      accepted: p.milestoneReports.accepted,
      revisionRequested: p.milestoneReports.revisionRequested,
    },
    talks: { ...p.talks },
    presentation: { ...p.presentation },
    evaluationResults: {
      midpointDecision: p.evaluations.midpointDecision as EvaluationDecision | null,
      midpointExtensionWeeks: p.evaluations.midpointExtensionWeeks,
      midpointExtensionRefused: p.evaluations.extensionRefused ? { ...p.evaluations.extensionRefused } : null,
      finalOutcome: p.evaluations.finalOutcome as EvaluationDecision | null,
      returnOffer: canSeeReturnOffer(caller, p.internId, p.mentorIds)
        ? (p.evaluations.returnOffer as ReturnOffer | null)
        : null,
      mentorMidpointAverage: p.evaluations.mentorMidpointAverage,
      mentorFinalAverage: p.evaluations.mentorFinalAverage,
      selfMidpointAverage: p.evaluations.selfMidpointAverage,
      selfFinalAverage: p.evaluations.selfFinalAverage,
      overdue: p.evaluations.overdue.map((o) => ({ cycle: o.cycle, missing: o.missing as EvaluationKind[] })),
    },
    awaitingFinalOutcome: p.awaitingFinalOutcome === true,
    riskLevel: p.risk.level,
    riskByWeek: riskByWeek(p.recordedRiskWeeks ?? [], p),
    riskReasons: canSeeRiskReasons(caller, p.internId, p.mentorIds) ? [...p.risk.reasons] : [],
  };
}
