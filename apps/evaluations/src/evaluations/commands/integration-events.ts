import { EvaluationSubmittedV1, FinalOutcomeRecordedV1, MidpointDecisionMadeV1 } from '#contracts';
import { domainEventMapper, outgoing } from '#messaging';
import type { EvaluationDomainEvent } from '../domain/evaluation.js';

/**
 * The integration events of an evaluation, keyed by the intern (so that one intern's evaluation
 * events stay in order). Private comments, reflections and the NPS never leave the service.
 */
export const toIntegrationEvents = domainEventMapper<EvaluationDomainEvent>({
  EvaluationSubmitted: ({ evaluation: e }) =>
    outgoing(EvaluationSubmittedV1, e.internId, {
      evaluationId: e.id,
      cohortId: e.cohortId,
      internId: e.internId,
      authorId: e.authorId,
      kind: e.kind,
      cycle: e.cycle,
      averageScore: e.averageScore,
    }),
  MidpointDecisionMade: ({ evaluation: e }) =>
    outgoing(MidpointDecisionMadeV1, e.internId, {
      evaluationId: e.id,
      cohortId: e.cohortId,
      internId: e.internId,
      mentorId: e.authorId,
      decision: e.decision as 'CONTINUE' | 'EXTEND' | 'TERMINATE',
      extensionWeeks: e.extensionWeeks,
    }),
  FinalOutcomeRecorded: ({ evaluation: e }) =>
    outgoing(FinalOutcomeRecordedV1, e.internId, {
      evaluationId: e.id,
      cohortId: e.cohortId,
      internId: e.internId,
      mentorId: e.authorId,
      outcome: e.decision as 'PASS' | 'FAIL',
      returnOffer: e.returnOffer!,
    }),
});
