import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox, UnitOfWork } from '#messaging';
import type { EvaluationDomainEvent } from '../domain/evaluation.js';
import { toIntegrationEvents } from './integration-events.js';

/**
 * The evaluations service's unit of work: what its commands track reaches the outbox as its
 * contracts; PresentationScored, which no aggregate records, is published as it is.
 */
@Injectable()
export class EvaluationsUnitOfWork extends UnitOfWork<EvaluationDomainEvent> {
  constructor(dataSource: DataSource, outbox: Outbox) {
    super(dataSource, outbox, toIntegrationEvents);
  }
}
