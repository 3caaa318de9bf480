import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ValidationError } from '#ddd';
import { pageRequest, toConnection, type Connection } from '#platform';
import { isProgramManager } from '../../../graphql/visibility.js';
import { progressView, type InternProgressType } from '../../graphql/intern-progress.type.js';
import {
  ProgressReadRepository,
  progressSortKey,
  type ProgressAudience,
} from '../../persistence/progress-read.repository.js';
import { InternProgressQuery } from './intern-progress.query.js';

/**
 * Program managers list every intern; a mentor lists their mentees (from the row's own mentor
 * assignments); an intern lists only themself. A caller with several roles gets the union.
 */
@QueryHandler(InternProgressQuery)
export class InternProgressHandler implements IQueryHandler<InternProgressQuery> {
  constructor(private readonly progress: ProgressReadRepository) {}

  async execute({ caller, cohortId, riskLevel, page }: InternProgressQuery): Promise<Connection<InternProgressType>> {
    const { limit, after } = pageRequest(page);
    if (cohortId !== undefined && cohortId !== null && !cohortId.trim()) {
      throw ValidationError.field('cohortId', 'must not be empty');
    }
    const audience: ProgressAudience = isProgramManager(caller)
      ? { all: true }
      : {
          all: false,
          ...(caller.roles.includes('MENTOR') ? { mentorId: caller.sub } : {}),
          ...(caller.roles.includes('INTERN') ? { internId: caller.sub } : {}),
        };
    const result = await this.progress.page({
      cohortId: cohortId?.trim() || undefined,
      riskLevel: riskLevel ?? undefined,
      audience,
      limit,
      after,
    });
    return toConnection(
      result.rows,
      limit,
      result.totalCount,
      progressSortKey,
      (row) => progressView(row, caller),
      !!after,
    );
  }
}
