import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Reads the projection of MentorAssigned / MentorUnassigned (MENTOR_ASSIGNMENTS_PROJECTION): who mentors whom now. */
@Injectable()
export class MentorAssignmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The mentors each intern has now (every key present; one query for all of them). */
  async activeMentorsOf(internIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(internIds.map((id) => [id, []]));
    if (internIds.length === 0) return result;
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT intern_id, mentor_id FROM mentor_assignments
        WHERE intern_id = ANY($1::text[]) AND unassigned_at IS NULL`,
      [[...new Set(internIds)]],
    )) as { intern_id: string; mentor_id: string }[];
    for (const row of rows) result.get(row.intern_id)?.push(row.mentor_id);
    return result;
  }
}
