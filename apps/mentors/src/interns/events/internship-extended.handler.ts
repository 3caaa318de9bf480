import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InternshipExtendedV1, type EventData } from '#contracts';
import { HandlesEvents, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { InternProjectionRepository } from '../persistence/intern-projection.repository.js';

/** An intern's own program got longer: their check-ins after the cohort's last week still get a week. */
@Injectable()
@HandlesEvents(InternshipExtendedV1)
export class InternshipExtendedHandler implements IntegrationEventHandler<EventData<typeof InternshipExtendedV1>> {
  constructor(private readonly interns: InternProjectionRepository) {}

  async handle(event: ConsumedEvent<EventData<typeof InternshipExtendedV1>>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.interns.recordExtension(tx, {
      internId: d.internId,
      cohortId: d.cohortId,
      totalWeeks: d.totalExtensionWeeks,
    });
  }
}
