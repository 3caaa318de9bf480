import { Query } from '@nestjs/cqrs';
import type { Connection, PageArgs } from '#platform';
import type { MentorType } from '../../graphql/mentor.type.js';

/** Mentors by name, a page at a time; with a cohort, only the mentors available for it. */
export class ListMentorsQuery extends Query<Connection<MentorType>> {
  constructor(
    readonly cohortId: string | undefined,
    readonly page: PageArgs,
  ) {
    super();
  }
}
