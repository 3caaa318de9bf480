import { Query } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { ProjectType } from '../../graphql/project.type.js';

/** A project by id, if the caller may see it. */
export class GetProjectQuery extends Query<ProjectType | null> {
  constructor(
    readonly id: string,
    readonly caller: Identity,
  ) {
    super();
  }
}
