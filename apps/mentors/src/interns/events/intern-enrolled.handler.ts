import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InternEnrolledV1, type EventData } from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { InternProjectionRepository } from '../persistence/intern-projection.repository.js';

/**
 * Projects `cohorts.InternEnrolled` into this service's `interns` table, inside the transaction
 * that records the event in the inbox (so a redelivery is applied once); the upsert itself is
 * also idempotent and ignores events older than the row.
 */
@Injectable()
@HandlesEvents(InternEnrolledV1)
export class InternEnrolledHandler implements IntegrationEventHandler<EventData<typeof InternEnrolledV1>> {
  constructor(private readonly interns: InternProjectionRepository) {}

  async handle(event: ConsumedEvent<EventData<typeof InternEnrolledV1>>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.interns.upsertEnrollment(tx, {
      internId: d.internId,
      cohortId: d.cohortId,
      enrollmentId: d.enrollmentId,
      name: d.name,
      focusAreas: d.focusAreas,
      timezone: d.timezone,
      enrolledAt: new Date(event.time),
    });
  }
}
