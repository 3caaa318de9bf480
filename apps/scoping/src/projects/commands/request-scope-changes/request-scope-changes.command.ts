import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { ProjectRecord } from '../../persistence/project-read.repository.js';

export class RequestScopeChangesCommand extends Command<ProjectRecord> {
  constructor(
    readonly projectId: string,
    readonly feedback: string,
    readonly expectedRevision: number | null | undefined,
    readonly caller: Identity,
  ) {
    super();
  }
}
