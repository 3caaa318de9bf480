import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import * as contracts from '#contracts';
import {
  InternCompletedV1,
  InternEnrolledV1,
  InternReinstatedV1,
  InternTerminatedV1,
  InternWithdrawnV1,
  MentorAssignedV1,
  MentorProfileUpdatedV1,
  MentorRegisteredV1,
  MentorUnassignedV1,
  type EventContract,
} from '#contracts';
import { on, type ConsumesEvents, type EventMeta } from '#messaging';
import { describeActivity, routeEvent } from '../domain/routing.js';
import { EmailChannel } from '../email/email-channel.js';
import { LiveNotifications } from '../live/live-notifications.js';
import { EmailRepository } from '../persistence/email.repository.js';
import { directoryOf, NotificationRepository } from '../persistence/notification.repository.js';

function isContract(value: unknown): value is EventContract<unknown> {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as EventContract).type === 'string' &&
    typeof (value as EventContract).context === 'string' &&
    !!(value as EventContract).schema
  );
}

/** Every event contract: the gateway reads every context (notifications and cohort activity). */
const ALL_CONTRACTS: EventContract<unknown>[] = (Object.values(contracts) as unknown[]).filter(isContract);

/**
 * Turns consumed events into notifications, inside the transaction that records the event in
 * the inbox (a redelivery stores nothing twice): first the projections routing needs (who
 * mentors whom, interns' and mentors' names and addresses, who is back after a withdrawal: listed first, so they
 * run first), then, for every
 * event, one notification row per recipient, then the live messages for subscribers (sent by
 * Postgres on commit) — the stored notifications and the event itself on its cohort's activity feed —
 * and, when email is on, one delivery per recipient for the email channel's sender.
 */
@Injectable()
export class NotificationsConsumer implements ConsumesEvents {
  readonly handlers = [
    on(MentorRegisteredV1, (d, _meta, tx) => this.repository.nameMentor(tx, d.mentorId, d.name)),
    on(MentorRegisteredV1, (d, _meta, tx) => this.addresses.recordAddress(tx, d.mentorId, d.email, 'MENTOR')),
    on(MentorProfileUpdatedV1, (d, _meta, tx) => this.repository.nameMentor(tx, d.mentorId, d.name)),
    on(MentorProfileUpdatedV1, (d, _meta, tx) => this.addresses.recordAddress(tx, d.mentorId, d.email, 'MENTOR')),
    on(MentorAssignedV1, (d, _meta, tx) => this.repository.assign(tx, d)),
    on(MentorUnassignedV1, (d, _meta, tx) => this.repository.unassign(tx, d.assignmentId, d.reason)),
    on(InternEnrolledV1, (d, _meta, tx) => this.repository.enroll(tx, d.internId, d.cohortId, d.name)),
    on(InternEnrolledV1, (d, _meta, tx) => this.addresses.recordAddress(tx, d.internId, d.email, 'INTERN')),
    on(InternWithdrawnV1, (d, _meta, tx) => this.repository.leave(tx, d.internId, d.cohortId)),
    on(InternTerminatedV1, (d, _meta, tx) => this.repository.leave(tx, d.internId, d.cohortId)),
    on(InternCompletedV1, (d, _meta, tx) => this.repository.leave(tx, d.internId, d.cohortId)),
    on(InternReinstatedV1, (d, _meta, tx) => this.repository.rejoin(tx, d.internId, d.cohortId)),
    ...ALL_CONTRACTS.map((contract) => on(contract, (data, meta, tx) => this.notify(contract.name, data, meta, tx))),
  ];

  constructor(
    private readonly repository: NotificationRepository,
    private readonly live: LiveNotifications,
    private readonly addresses: EmailRepository,
    private readonly email: EmailChannel,
  ) {}

  private async notify(name: string, data: unknown, meta: EventMeta, tx: EntityManager): Promise<void> {
    const event = { ...meta, data };
    const drafts = await routeEvent(event, directoryOf(tx));
    const stored = await this.repository.insert(tx, event, drafts);
    for (const n of stored) await this.live.publishNotification(tx, n);
    // Their mails, queued in this transaction: stored and queued together, or neither.
    await this.email.enqueue(tx, stored);
    const activity = describeActivity({ ...event, name });
    if (activity) {
      await this.live.publishActivity(tx, {
        eventId: meta.id,
        type: meta.type,
        name,
        cohortId: activity.cohortId,
        subject: meta.subject,
        internId: activity.internId ?? null,
        occurredAt: new Date(meta.time),
        summary: activity.summary,
      });
    }
  }
}
