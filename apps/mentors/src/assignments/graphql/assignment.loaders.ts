import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { groupByKeys, requestLoader } from '../../graphql/request.loaders.js';
import { AssignmentRepository, type ActiveAssignment } from '../persistence/assignment.repository.js';

/** Per-request, batched reads of active assignments, by intern and by mentor. */
@Injectable()
export class AssignmentLoaders {
  constructor(private readonly assignments: AssignmentRepository) {}

  byIntern(context: object | undefined): DataLoader<string, ActiveAssignment[]> {
    return requestLoader(context, 'assignments.byIntern', async (internIds: readonly string[]) =>
      groupByKeys(internIds, await this.assignments.activeForInterns(internIds), (a) => a.internId),
    );
  }

  byMentor(context: object | undefined): DataLoader<string, ActiveAssignment[]> {
    return requestLoader(context, 'assignments.byMentor', async (mentorIds: readonly string[]) =>
      groupByKeys(mentorIds, await this.assignments.activeForMentors(mentorIds), (a) => a.mentorId),
    );
  }
}
