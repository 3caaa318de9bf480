import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox, UnitOfWork } from '#messaging';
import type { ProjectDomainEvent, ReportDomainEvent } from '../domain/project-events.js';
import { toIntegrationEvents } from './integration-events.js';

/** The projects context's unit of work: what its commands track reaches the outbox as its contracts. */
@Injectable()
export class ProjectsUnitOfWork extends UnitOfWork<ProjectDomainEvent | ReportDomainEvent> {
  constructor(dataSource: DataSource, outbox: Outbox) {
    super(dataSource, outbox, toIntegrationEvents);
  }
}
