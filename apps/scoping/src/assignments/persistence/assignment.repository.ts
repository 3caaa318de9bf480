import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { NO_MENTORS, type InternMentors } from '../../projects/domain/access.js';
import { MentorAssignmentOrmEntity } from './mentor-assignment.orm-entity.js';

export const mentorsKey = (internId: string, cohortId: string): string => `${cohortId}/${internId}`;

/** The active mentors of interns, from the assignments projection. */
@Injectable()
export class AssignmentRepository {
  async mentorsOf(manager: EntityManager, internId: string, cohortId: string): Promise<InternMentors> {
    return (
      (await this.mentorsOfMany(manager, [{ internId, cohortId }])).get(mentorsKey(internId, cohortId)) ?? NO_MENTORS
    );
  }

  /**
   * Keyed by mentorsKey; every key is present. The primary mentor is the most recently assigned
   * active PRIMARY (the mentors context keeps one; this survives a reassignment whose
   * unassignment arrives late).
   */
  async mentorsOfMany(
    manager: EntityManager,
    keys: readonly { internId: string; cohortId: string }[],
  ): Promise<Map<string, InternMentors>> {
    const out = new Map<string, InternMentors>(keys.map((k) => [mentorsKey(k.internId, k.cohortId), NO_MENTORS]));
    if (keys.length === 0) return out;
    const rows = await manager.getRepository(MentorAssignmentOrmEntity).find({
      where: { internId: In([...new Set(keys.map((k) => k.internId))]), unassignedAt: IsNull() },
      order: { assignedAt: 'ASC', assignmentId: 'ASC' },
    });
    for (const row of rows) {
      const key = mentorsKey(row.internId, row.cohortId);
      const current = out.get(key);
      if (!current) continue;
      out.set(key, {
        primaryMentorId: row.role === 'PRIMARY' ? row.mentorId : current.primaryMentorId,
        mentorIds: current.mentorIds.includes(row.mentorId) ? current.mentorIds : [...current.mentorIds, row.mentorId],
      });
    }
    return out;
  }
}
