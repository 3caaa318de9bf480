import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ValidationError } from '#ddd';
import { pageRequest, toConnection, type Connection } from '#platform';
import { MentorType } from '../../graphql/mentor.type.js';
import { MentorRepository } from '../../persistence/mentor.repository.js';
import { ListMentorsQuery } from './list-mentors.query.js';

@QueryHandler(ListMentorsQuery)
export class ListMentorsHandler implements IQueryHandler<ListMentorsQuery> {
  constructor(private readonly mentors: MentorRepository) {}

  async execute({ cohortId, page }: ListMentorsQuery): Promise<Connection<MentorType>> {
    const { limit, after } = pageRequest(page);
    const cohort = cohortId?.trim();
    if (cohortId !== undefined && cohortId !== null && !cohort)
      throw ValidationError.field('cohortId', 'must not be empty');
    const result = await this.mentors.page({ cohortId: cohort || undefined, limit, after });
    return toConnection(
      result.mentors,
      limit,
      result.totalCount,
      (m) => ({ sort: m.snapshot().name, id: m.id }),
      (m) => MentorType.from(m),
      !!after,
    );
  }
}
