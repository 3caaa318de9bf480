import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { ProjectRecord } from '../../persistence/project-read.repository.js';

export class SubmitProjectScopeCommand extends Command<ProjectRecord> {
  constructor(
    readonly projectId: string,
    readonly expectedRevision: number | null | undefined,
    readonly caller: Identity,
  ) {
    super();
  }
}
