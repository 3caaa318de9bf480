import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InternCompletedV1, InternTerminatedV1, InternWithdrawnV1, type EventData } from '#contracts';
import { HandlesEvents, Outbox, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { mentorUnassigned } from '../../assignments/commands/assignment-events.js';
import { END_REASONS, type EndReason } from '../../assignments/domain/assignment-policy.js';
import { AssignmentRepository } from '../../assignments/persistence/assignment.repository.js';
import type { InternStatus } from '../persistence/intern-projection.orm-entity.js';
import { InternProjectionRepository } from '../persistence/intern-projection.repository.js';

type LeftEvent =
  EventData<typeof InternWithdrawnV1> | EventData<typeof InternTerminatedV1> | EventData<typeof InternCompletedV1>;

const OUTCOMES: Record<string, { status: InternStatus; reason: EndReason }> = {
  [InternWithdrawnV1.type]: { status: 'WITHDRAWN', reason: END_REASONS.withdrawn },
  [InternTerminatedV1.type]: { status: 'TERMINATED', reason: END_REASONS.terminated },
  [InternCompletedV1.type]: { status: 'COMPLETED', reason: END_REASONS.completed },
};

/**
 * An intern who is withdrawn, terminated or completes the program frees their mentors' places:
 * the enrollment is marked ended first (an assignMentor racing with it either commits before,
 * and is ended here, or waits on the intern row and then sees the enrollment over), then every
 * active assignment of the intern in that cohort ends with MentorUnassigned, all in the
 * transaction that records the event in the inbox.
 */
@Injectable()
@HandlesEvents(InternWithdrawnV1, InternTerminatedV1, InternCompletedV1)
export class InternLeftHandler implements IntegrationEventHandler<LeftEvent> {
  constructor(
    private readonly interns: InternProjectionRepository,
    private readonly assignments: AssignmentRepository,
    private readonly outbox: Outbox,
  ) {}

  async handle(event: ConsumedEvent<LeftEvent>, tx: EntityManager): Promise<void> {
    const outcome = OUTCOMES[event.type];
    if (!outcome) return;
    const { internId, cohortId } = event.data;
    const known = await this.interns.recordEnded(tx, {
      internId,
      cohortId,
      status: outcome.status,
      at: new Date(event.time),
    });
    if (!known) return; // never enrolled as far as this service knows: nothing to free
    const ended = await this.assignments.endAllForIntern(tx, internId, cohortId, outcome.reason);
    if (ended.length)
      await this.outbox.append(
        tx,
        ended.map((a) => mentorUnassigned(a, outcome.reason)),
      );
  }
}
