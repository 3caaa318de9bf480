import { Query } from '@nestjs/cqrs';
import type { MentorType } from '../../graphql/mentor.type.js';

/** One mentor by id, or null. */
export class GetMentorQuery extends Query<MentorType | null> {
  constructor(readonly mentorId: string) {
    super();
  }
}
