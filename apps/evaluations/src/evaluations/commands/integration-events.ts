import { EvaluationSubmittedV1, FinalOutcomeRecordedV1, MidpointDecisionMadeV1 } from '#contracts';
import { domainEventMapper, outgoing } from '#messaging';
import type { EvaluationDomainEvent, EvaluationSnapshot } from '../domain/evaluation.js';

/**
 * The integration events of an evaluation, keyed by the intern (so that one intern's evaluation
 * events stay in order). Private comments, reflections and the NPS never leave the service.
 * `mentorId` (and `authorId` of a mentor's evaluation) is the intern's primary mentor when the
 * revision was recorded, or the program manager's id when the intern had none.
 */
const about = (e: EvaluationSnapshot) => ({ evaluationId: e.id, cohortId: e.cohortId, internId: e.internId });
/** Which revision this is and who recorded it (SPEC §7 corrections): the highest revision is in force. */
const revisionOf = (e: EvaluationSnapshot) => ({ revision: e.revision, recordedBy: { ...e.recordedBy } });

export const toIntegrationEvents = domainEventMapper<EvaluationDomainEvent>({
  EvaluationSubmitted: ({ evaluation: e }) =>
    outgoing(EvaluationSubmittedV1, e.internId, {
      ...about(e),
      authorId: e.authorId,
      kind: e.kind,
      cycle: e.cycle,
      averageScore: e.averageScore,
      ...revisionOf(e),
    }),
  MidpointDecisionMade: ({ evaluation: e, decision }) =>
    outgoing(MidpointDecisionMadeV1, e.internId, {
      ...about(e),
      mentorId: e.authorId,
      decision,
      extensionWeeks: e.extensionWeeks,
      ...revisionOf(e),
    }),
  FinalOutcomeRecorded: ({ evaluation: e, outcome, returnOffer }) =>
    outgoing(FinalOutcomeRecordedV1, e.internId, {
      ...about(e),
      mentorId: e.authorId,
      outcome,
      returnOffer,
      ...revisionOf(e),
    }),
});
