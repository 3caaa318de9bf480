import { Injectable } from '@nestjs/common';
import { DataSource, Not } from 'typeorm';
import { CohortStatus, type CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { CohortMapper } from '../../cohorts/persistence/cohort.mapper.js';
import { CohortOrmEntity } from '../../cohorts/persistence/cohort.orm-entity.js';

/** Which cohorts a person's own calendar feed covers (see calendar-export/calendar-assembler.ts). */
@Injectable()
export class CalendarScopeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every cohort that was not cancelled, by start date. */
  async cohortsNotCancelled(): Promise<CohortSnapshot[]> {
    const rows = await this.dataSource
      .getRepository(CohortOrmEntity)
      .find({ where: { status: Not(CohortStatus.CANCELLED) }, order: { startDate: 'ASC', id: 'ASC' } });
    return rows.map(CohortMapper.toSnapshot);
  }

  /**
   * The cohorts a mentor is in now: those of their current mentees (the projection of
   * MentorAssigned / MentorUnassigned) and those where they sit on a presentation panel.
   */
  async cohortIdsOfMentor(mentorId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT cohort_id::text AS cohort_id FROM mentor_assignments WHERE mentor_id = $1 AND unassigned_at IS NULL
       UNION
       SELECT cohort_id::text FROM presentation_slots WHERE $1 = ANY(panel_mentor_ids)`,
      [mentorId],
    )) as { cohort_id: string }[];
    return rows.map((r) => r.cohort_id);
  }

  /** The interns a mentor mentors now (primary or co-mentor), with the cohort of each assignment. */
  async menteesOfMentor(mentorId: string): Promise<{ cohortId: string; internId: string }[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT cohort_id::text AS cohort_id, intern_id FROM mentor_assignments
        WHERE mentor_id = $1 AND unassigned_at IS NULL ORDER BY cohort_id, intern_id`,
      [mentorId],
    )) as { cohort_id: string; intern_id: string }[];
    return rows.map((r) => ({ cohortId: r.cohort_id, internId: r.intern_id }));
  }
}
