import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { internFromEnrollment, type InternView } from '../../../shared/graphql/cohort.loaders.js';
import { canSeeIntern, needsMentorsOf } from '../../../shared/graphql/visibility.js';
import { CohortReadRepository } from '../../../cohorts/persistence/cohort-read.repository.js';
import { MentorAssignmentRepository } from '../../../mentors/persistence/mentor-assignment.repository.js';
import { GetInternQuery } from './get-intern.query.js';

/**
 * An intern's record, for program managers, the intern and their current mentors; anyone else
 * gets null, exactly as for a missing intern.
 */
@QueryHandler(GetInternQuery)
export class GetInternHandler implements IQueryHandler<GetInternQuery> {
  constructor(
    private readonly read: CohortReadRepository,
    private readonly assignments: MentorAssignmentRepository,
  ) {}

  async execute({ id, caller }: GetInternQuery): Promise<InternView | null> {
    const mentors = needsMentorsOf(caller, id) ? ((await this.assignments.activeMentorsOf([id])).get(id) ?? []) : [];
    if (!canSeeIntern(caller, id, mentors)) return null;
    const latest = (await this.read.latestEnrollmentOfInterns([id])).get(id);
    return latest ? internFromEnrollment(latest) : null;
  }
}
