import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox, UnitOfWork } from '#messaging';
import { toIntegrationEvents, type MentorsDomainEvent } from './integration-events.js';

/** The mentors service's unit of work: what its commands track or publish reaches the outbox. */
@Injectable()
export class MentorsUnitOfWork extends UnitOfWork<MentorsDomainEvent> {
  constructor(dataSource: DataSource, outbox: Outbox) {
    super(dataSource, outbox, toIntegrationEvents);
  }
}
