import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox, UnitOfWork } from '#messaging';
import type { CohortDomainEvent } from '../domain/cohort-events.js';
import { toIntegrationEvents } from './integration-events.js';

/** The cohorts context's unit of work: what its commands track reaches the outbox as its contracts. */
@Injectable()
export class CohortsUnitOfWork extends UnitOfWork<CohortDomainEvent> {
  constructor(dataSource: DataSource, outbox: Outbox) {
    super(dataSource, outbox, toIntegrationEvents);
  }
}
