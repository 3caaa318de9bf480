import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AssignmentRepository } from '../../../assignments/persistence/assignment.repository.js';
import { canViewProject } from '../../domain/access.js';
import type { ProjectType } from '../../graphql/project.type.js';
import { projectView } from '../../graphql/views.js';
import { ProjectReadRepository } from '../../persistence/project-read.repository.js';
import { GetProjectQuery } from './get-project.query.js';

/** Program managers see every project, mentors their mentees’, interns their own; anything else is null, like a missing one. */
@QueryHandler(GetProjectQuery)
export class GetProjectHandler implements IQueryHandler<GetProjectQuery, ProjectType | null> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly read: ProjectReadRepository,
    private readonly assignments: AssignmentRepository,
  ) {}

  async execute({ id, caller }: GetProjectQuery): Promise<ProjectType | null> {
    const [record] = await this.read.byIds([id]);
    if (!record) return null;
    const mentors = await this.assignments.mentorsOf(this.dataSource.manager, record.internId, record.cohortId);
    return canViewProject(caller, record.internId, mentors) ? projectView(record) : null;
  }
}
