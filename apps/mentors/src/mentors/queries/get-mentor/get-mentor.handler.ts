import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { MentorType } from '../../graphql/mentor.type.js';
import { MentorRepository } from '../../persistence/mentor.repository.js';
import { GetMentorQuery } from './get-mentor.query.js';

@QueryHandler(GetMentorQuery)
export class GetMentorHandler implements IQueryHandler<GetMentorQuery> {
  constructor(private readonly mentors: MentorRepository) {}

  async execute({ mentorId }: GetMentorQuery): Promise<MentorType | null> {
    const mentor = await this.mentors.findById(mentorId);
    return mentor ? MentorType.from(mentor) : null;
  }
}
