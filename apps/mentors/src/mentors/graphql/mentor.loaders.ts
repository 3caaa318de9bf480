import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { requestLoader } from '../../graphql/request.loaders.js';
import type { Mentor } from '../domain/mentor.js';
import { MentorRepository } from '../persistence/mentor.repository.js';

@Injectable()
export class MentorLoaders {
  constructor(private readonly mentors: MentorRepository) {}

  byId(context: object | undefined): DataLoader<string, Mentor | null> {
    return requestLoader(context, 'mentors.byId', async (mentorIds: readonly string[]) => {
      const found = new Map((await this.mentors.findByIds(mentorIds)).map((m) => [m.id, m]));
      return mentorIds.map((id) => found.get(id) ?? null);
    });
  }
}
