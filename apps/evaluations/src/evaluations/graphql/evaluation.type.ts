import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Identity } from '#platform';
import { canSeePrivateComments, canSeeProgramNps, canSeeReturnOffer } from '../../graphql/visibility.js';
import type { EvaluationDecision, ReturnOffer } from '../domain/decision.js';
import type { EvaluationKind, EvaluationSnapshot, RecorderRole } from '../domain/evaluation.js';
import type { EvaluationCycle, EvaluationWindow, WindowStatus } from '../domain/evaluation-window.js';
import {
  EvaluationCycleEnum,
  EvaluationDecisionEnum,
  EvaluationKindEnum,
  EvaluationWindowStatusEnum,
  RecorderRoleEnum,
  ReturnOfferEnum,
} from './enums.js';

@ObjectType('EvaluationScore', { description: 'One competency of the program rubric, scored 1–5' })
export class EvaluationScoreType {
  @Field() competency: string;
  @Field(() => Int) score: number;
  @Field(() => String, { nullable: true }) comment: string | null;
}

@ObjectType('EvaluationRecordedBy', {
  description:
    'Who recorded the latest revision of an evaluation: its author, or a program manager on the mentor’s behalf',
})
export class EvaluationRecordedByType {
  @Field(() => ID) id: string;
  @Field(() => RecorderRoleEnum) role: RecorderRole;
}

@ObjectType('Evaluation', {
  description: "A midpoint or final evaluation: the primary mentor's (MENTOR) or the intern's own (SELF)",
})
export class EvaluationType {
  @Field(() => ID) id: string;
  @Field(() => ID) cohortId: string;
  @Field(() => ID) internId: string;
  @Field(() => ID, { description: 'The primary mentor (MENTOR) or the intern (SELF)' }) authorId: string;
  @Field(() => EvaluationKindEnum) kind: EvaluationKind;
  @Field(() => EvaluationCycleEnum) cycle: EvaluationCycle;
  @Field(() => [EvaluationScoreType]) scores: EvaluationScoreType[];
  @Field(() => Float, { description: 'Mean of the scores, two decimals' }) averageScore: number;
  @Field(() => String, { nullable: true, description: 'MENTOR: comments shared with the intern' }) sharedComments:
    string | null;
  @Field(() => String, {
    nullable: true,
    description: 'MENTOR: for program managers and the intern’s mentors only; always null for the intern',
  })
  privateComments: string | null;
  @Field(() => String, { nullable: true, description: 'SELF: the intern’s reflections' }) reflections: string | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'SELF at FINAL: 0–10, how likely the intern would recommend the program (program managers and the intern only)',
  })
  programNps: number | null;
  @Field(() => EvaluationDecisionEnum, { nullable: true, description: 'MENTOR: the decision of the cycle' })
  decision: EvaluationDecision | null;
  @Field(() => Int, { nullable: true, description: 'MENTOR, EXTEND: the weeks the internship is extended by' })
  extensionWeeks: number | null;
  @Field(() => ReturnOfferEnum, {
    nullable: true,
    description: 'MENTOR at FINAL: the return-offer recommendation (program managers and mentors; null for the intern)',
  })
  returnOffer: ReturnOffer | null;
  @Field(() => GraphQLISODateTime) submittedAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
  @Field(() => Int, { description: '1 when submitted, + 1 for each edit or correction (the highest is in force)' })
  revision: number;
  @Field(() => EvaluationRecordedByType, { description: 'Who recorded the latest revision' })
  recordedBy: EvaluationRecordedByType;
}

/**
 * The evaluation as the caller may see it: the one place every path (queries, mutations, the
 * Intern field) turns a stored evaluation into the GraphQL object.
 */
export function evaluationView(
  s: EvaluationSnapshot,
  caller: Identity | undefined,
  mentorIdsOfIntern: readonly string[],
): EvaluationType {
  return {
    id: s.id,
    cohortId: s.cohortId,
    internId: s.internId,
    authorId: s.authorId,
    kind: s.kind,
    cycle: s.cycle,
    scores: s.scores.map((x) => ({ ...x })),
    averageScore: s.averageScore,
    sharedComments: s.sharedComments,
    privateComments: canSeePrivateComments(caller, s, mentorIdsOfIntern) ? s.privateComments : null,
    reflections: s.reflections,
    programNps: canSeeProgramNps(caller, s.internId) ? s.programNps : null,
    decision: s.decision,
    extensionWeeks: s.extensionWeeks,
    returnOffer: canSeeReturnOffer(caller, s.internId, mentorIdsOfIntern) ? s.returnOffer : null,
    submittedAt: s.submittedAt,
    updatedAt: s.updatedAt,
    revision: s.revision,
    recordedBy: { ...s.recordedBy },
  };
}

@ObjectType('EvaluationWindow', {
  description:
    'One week of the intern’s own program in which the evaluations of a cycle are written: the midpoint week (MIDPOINT) or the presentations week (FINAL), moved by the intern’s extensions',
})
export class EvaluationWindowType {
  @Field(() => EvaluationCycleEnum) cycle: EvaluationCycle;
  @Field(() => Int) week: number;
  @Field(() => String, { nullable: true, description: 'Monday of the week (cohort timezone)' }) startsOn: string | null;
  @Field(() => String, { nullable: true, description: 'Sunday of the week: the evaluations are due by its end' })
  endsOn: string | null;
  @Field(() => EvaluationWindowStatusEnum) status: WindowStatus;
  @Field() mentorEvaluationSubmitted: boolean;
  @Field() selfEvaluationSubmitted: boolean;
}

export function windowView(
  window: EvaluationWindow,
  submitted: readonly { kind: string; cycle: string }[],
): EvaluationWindowType {
  return {
    ...window,
    mentorEvaluationSubmitted: submitted.some((e) => e.kind === 'MENTOR' && e.cycle === window.cycle),
    selfEvaluationSubmitted: submitted.some((e) => e.kind === 'SELF' && e.cycle === window.cycle),
  };
}
