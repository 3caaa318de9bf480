import { registerEnumType } from '@nestjs/graphql';
import { EVALUATION_DECISIONS, RETURN_OFFERS, type EvaluationDecision, type ReturnOffer } from '../domain/decision.js';
import { EVALUATION_KINDS, type EvaluationKind, type RecorderRole } from '../domain/evaluation.js';
import { EVALUATION_CYCLES, type EvaluationCycle, type WindowStatus } from '../domain/evaluation-window.js';

const asEnum = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const EvaluationCycleEnum = asEnum<EvaluationCycle>(EVALUATION_CYCLES);
export const EvaluationKindEnum = asEnum<EvaluationKind>(EVALUATION_KINDS);
export const EvaluationDecisionEnum = asEnum<EvaluationDecision>(EVALUATION_DECISIONS);
export const ReturnOfferEnum = asEnum<ReturnOffer>(RETURN_OFFERS);
export const RecorderRoleEnum = asEnum<RecorderRole>(['MENTOR', 'PROGRAM_MANAGER', 'INTERN']);
export const EvaluationWindowStatusEnum = asEnum<WindowStatus>(['UPCOMING', 'OPEN', 'CLOSED']);

registerEnumType(EvaluationCycleEnum, {
  name: 'EvaluationCycle',
  description: 'MIDPOINT (the midpoint week) or FINAL (the presentations week)',
});
registerEnumType(EvaluationKindEnum, {
  name: 'EvaluationKind',
  description: "MENTOR: the primary mentor's; SELF: the intern's own",
});
registerEnumType(EvaluationDecisionEnum, {
  name: 'EvaluationDecision',
  description: 'CONTINUE, EXTEND or TERMINATE at the MIDPOINT; PASS or FAIL at the FINAL evaluation',
});
registerEnumType(ReturnOfferEnum, {
  name: 'ReturnOffer',
  description: 'The return-offer recommendation at the FINAL evaluation',
});
registerEnumType(EvaluationWindowStatusEnum, { name: 'EvaluationWindowStatus' });
registerEnumType(RecorderRoleEnum, {
  name: 'EvaluationRecorderRole',
  description: 'Who recorded an evaluation: its author (MENTOR, INTERN) or a PROGRAM_MANAGER on the mentor’s behalf',
});
