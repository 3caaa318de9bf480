import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { ScopeInput } from '../../domain/scope-content.js';
import type { ProjectRecord } from '../../persistence/project-read.repository.js';

/** The intern (the caller) drafts their scope: the first draft, an edit, or version N+1 of an approved scope. */
export class DraftProjectScopeCommand extends Command<ProjectRecord> {
  constructor(
    readonly scope: ScopeInput,
    readonly expectedRevision: number | null | undefined,
    readonly caller: Identity,
  ) {
    super();
  }
}
