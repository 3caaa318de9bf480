import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { InternErasedV1, MentorErasedV1 } from '#contracts';
import { on, type ConsumesEvents } from '#messaging';
import { erasedName, erasureNeedles, type ErasedPerson } from '../domain/erasure.js';
import { emailMetrics } from '../email/email-metrics.js';
import { ErasureRepository } from '../persistence/erasure.repository.js';

export const ERASURE_LOGGER = Symbol('ERASURE_LOGGER');

/** What one erasure changed in the gateway's database (counts only: nothing of the person). */
export interface ErasureOutcome {
  /** False when the person had been erased before (a second erasure event): nothing was left to change. */
  first: boolean;
  cancelledMails: number;
  notifications: number;
  deliveryErrors: number;
  storedResponses: number;
}

/**
 * An intern or mentor was erased (InternErased, MentorErased): the gateway removes every copy of
 * their name and e-mail from its database, in the inbox transaction. It first reads the names and
 * addresses its own tables hold, then: records the erasure (erased_people, ids only), renames the
 * person "Erased intern"/"Erased mentor" in its projections (so later notifications name them so),
 * forgets their address, cancels their mails not sent yet (SKIPPED, `ERASED`) and drops the
 * address from every delivery record, and rewrites every notification (whoever it is addressed
 * to), SMTP error and stored idempotent answer that names them. A redelivery finds nothing left.
 */
@Injectable()
export class PersonalDataErasureConsumer implements ConsumesEvents {
  readonly handlers = [
    on(InternErasedV1, (d, _meta, tx) => this.erase(tx, 'INTERN', d.internId, d.erasedAt)),
    on(MentorErasedV1, (d, _meta, tx) => this.erase(tx, 'MENTOR', d.mentorId, d.erasedAt)),
  ];

  constructor(
    private readonly erasure: ErasureRepository,
    @Inject(ERASURE_LOGGER) private readonly logger: Logger,
  ) {}

  async erase(tx: EntityManager, person: ErasedPerson, personId: string, erasedAt: string): Promise<ErasureOutcome> {
    // Looked up before anything is anonymised: the text to find in the notifications.
    const needles = erasureNeedles(person, personId, await this.erasure.personalDataOf(tx, person, personId));
    const first = await this.erasure.markErased(tx, person, personId, erasedAt);
    await this.erasure.anonymise(tx, person, personId, erasedName(person, personId));
    const outcome: ErasureOutcome = {
      first,
      cancelledMails: await this.erasure.cancelDeliveries(tx, personId),
      notifications: await this.erasure.redactNotifications(tx, needles),
      deliveryErrors: await this.erasure.redactDeliveryErrors(tx, needles),
      storedResponses: await this.erasure.redactStoredResponses(tx, needles),
    };
    if (outcome.cancelledMails) emailMetrics.outcomes.inc({ outcome: 'SKIPPED' }, outcome.cancelledMails);
    this.logger.info({ person, personId, ...outcome }, 'personal data erased');
    return outcome;
  }
}
