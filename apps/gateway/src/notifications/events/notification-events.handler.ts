import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import * as contracts from '#contracts';
import type { EventContract, EventData } from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { describeActivity, routeEvent } from '../domain/routing.js';
import { LiveNotifications } from '../live/live-notifications.js';
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
export const ALL_CONTRACTS: EventContract<unknown>[] = (Object.values(contracts) as unknown[]).filter(isContract);
const NAMES = new Map(ALL_CONTRACTS.map((c) => [c.type, c.name]));

/**
 * Turns consumed events into notifications, inside the transaction that records the event in
 * the inbox (a redelivery stores nothing twice): first the projections routing needs (who
 * mentors whom, interns and their names), then one notification row per recipient, then the
 * live messages for subscribers (sent by Postgres on commit) — the stored notifications and
 * the event itself on its cohort's activity feed.
 */
@Injectable()
@HandlesEvents(...ALL_CONTRACTS)
export class NotificationEventsHandler implements IntegrationEventHandler<unknown> {
  constructor(
    private readonly repository: NotificationRepository,
    private readonly live: LiveNotifications,
  ) {}

  async handle(event: ConsumedEvent<unknown>, tx: EntityManager): Promise<void> {
    await this.project(event, tx);
    const drafts = await routeEvent(event, directoryOf(tx));
    const stored = await this.repository.insert(tx, event, drafts);
    for (const n of stored) await this.live.publishNotification(tx, n);
    const name = NAMES.get(event.type) ?? event.type;
    const activity = describeActivity({ ...event, name });
    if (activity) {
      await this.live.publishActivity(tx, {
        eventId: event.id,
        type: event.type,
        name,
        cohortId: activity.cohortId,
        subject: event.subject,
        internId: activity.internId ?? null,
        occurredAt: new Date(event.time),
        summary: activity.summary,
      });
    }
  }

  private async project(event: ConsumedEvent<unknown>, tx: EntityManager): Promise<void> {
    switch (event.type) {
      case contracts.MentorAssignedV1.type: {
        const d = event.data as EventData<typeof contracts.MentorAssignedV1>;
        await this.repository.assign(tx, d);
        return;
      }
      case contracts.MentorUnassignedV1.type: {
        const d = event.data as EventData<typeof contracts.MentorUnassignedV1>;
        await this.repository.unassign(tx, d.assignmentId);
        return;
      }
      case contracts.InternEnrolledV1.type: {
        const d = event.data as EventData<typeof contracts.InternEnrolledV1>;
        await this.repository.enroll(tx, d.internId, d.cohortId, d.name);
        return;
      }
      case contracts.InternWithdrawnV1.type:
      case contracts.InternTerminatedV1.type: {
        const d = event.data as { internId: string; cohortId: string };
        await this.repository.leave(tx, d.internId, d.cohortId);
        return;
      }
      default:
        return;
    }
  }
}
