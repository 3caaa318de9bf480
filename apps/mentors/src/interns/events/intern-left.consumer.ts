import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InternCompletedV1, InternTerminatedV1, InternWithdrawnV1 } from '#contracts';
import { on, Outbox, type ConsumesEvents, type EventMeta } from '#messaging';
import { mentorUnassigned } from '../../assignments/commands/assignment-events.js';
import { END_REASONS, type EndReason } from '../../assignments/domain/assignment-policy.js';
import { AssignmentRepository } from '../../assignments/persistence/assignment.repository.js';
import type { InternStatus } from '../persistence/intern-projection.orm-entity.js';
import { InternProjectionRepository } from '../persistence/intern-projection.repository.js';

/**
 * An intern who is withdrawn, terminated or completes the program frees their mentors' places:
 * the enrollment is marked ended first (an assignMentor racing with it either commits before,
 * and is ended here, or waits on the intern row and then sees the enrollment over), then every
 * active assignment of the intern in that cohort ends with MentorUnassigned, all in the
 * transaction that records the event in the inbox.
 */
@Injectable()
export class InternLeftConsumer implements ConsumesEvents {
  readonly handlers = [
    on(InternWithdrawnV1, (d, meta, tx) => this.left(d, 'WITHDRAWN', END_REASONS.withdrawn, meta, tx)),
    on(InternTerminatedV1, (d, meta, tx) => this.left(d, 'TERMINATED', END_REASONS.terminated, meta, tx)),
    on(InternCompletedV1, (d, meta, tx) => this.left(d, 'COMPLETED', END_REASONS.completed, meta, tx)),
  ];

  constructor(
    private readonly interns: InternProjectionRepository,
    private readonly assignments: AssignmentRepository,
    private readonly outbox: Outbox,
  ) {}

  private async left(
    { internId, cohortId }: { internId: string; cohortId: string },
    status: InternStatus,
    reason: EndReason,
    meta: EventMeta,
    tx: EntityManager,
  ): Promise<void> {
    const known = await this.interns.recordEnded(tx, { internId, cohortId, status, at: new Date(meta.time) });
    if (!known) return; // never enrolled as far as this service knows: nothing to free
    const ended = await this.assignments.endAllForIntern(tx, internId, cohortId, reason);
    if (ended.length)
      await this.outbox.append(
        tx,
        ended.map((a) => mentorUnassigned(a, reason)),
      );
  }
}
