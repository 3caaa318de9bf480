import { EvaluationSubmittedV1, FinalOutcomeRecordedV1, MidpointDecisionMadeV1 } from '#contracts';
import { domainEventMapper, outgoing } from '#messaging';
import type { EvaluationDomainEvent, EvaluationSnapshot } from '../domain/evaluation.js';

/**
 * The integration events of an evaluation, keyed by the intern (so that one intern's evaluation
 * events stay in order). Private comments, reflections and the NPS never leave the service.
 */
const about = (e: EvaluationSnapshot) => ({ evaluationId: e.id, cohortId: e.cohortId, internId: e.internId });

export const toIntegrationEvents = domainEventMapper<EvaluationDomainEvent>({
  EvaluationSubmitted: ({ evaluation: e }) =>
    outgoing(EvaluationSubmittedV1, e.internId, {
      ...about(e),
      authorId: e.authorId,
      kind: e.kind,
      cycle: e.cycle,
      averageScore: e.averageScore,
    }),
  MidpointDecisionMade: ({ evaluation: e, decision }) =>
    outgoing(MidpointDecisionMadeV1, e.internId, {
      ...about(e),
      mentorId: e.authorId,
      decision,
      extensionWeeks: e.extensionWeeks,
    }),
  FinalOutcomeRecorded: ({ evaluation: e, outcome, returnOffer }) =>
    outgoing(FinalOutcomeRecordedV1, e.internId, { ...about(e), mentorId: e.authorId, outcome, returnOffer }),
});
