import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { onUniqueViolation } from '#platform';
import { ConflictError } from '#ddd';
import type { EvaluationCycle } from '../../evaluations/domain/evaluation-window.js';
import type { FeedbackRating, MentorFeedbackRecord } from '../domain/mentor-feedback.js';

interface FeedbackRow {
  id: string;
  cohort_id: string;
  intern_id: string;
  mentor_id: string;
  cycle: EvaluationCycle;
  ratings: FeedbackRating[];
  comments: string;
  average_score: string | number;
  revision: number;
  submitted_at: Date;
  updated_at: Date;
}

const toRecord = (r: FeedbackRow): MentorFeedbackRecord => ({
  id: r.id,
  cohortId: r.cohort_id,
  internId: r.intern_id,
  mentorId: r.mentor_id,
  cycle: r.cycle,
  ratings: r.ratings,
  comments: r.comments,
  averageScore: Number(r.average_score),
  revision: Number(r.revision),
  submittedAt: new Date(r.submitted_at),
  updatedAt: new Date(r.updated_at),
});

/** The interns' feedback on their mentors (`mentor_feedback`): one row per intern, cohort and cycle. */
@Injectable()
export class MentorFeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The intern's feedback of `cycle` in the cohort, its row locked until the transaction ends. */
  async findForUpdate(
    tx: EntityManager,
    key: { cohortId: string; internId: string; cycle: EvaluationCycle },
  ): Promise<MentorFeedbackRecord | null> {
    const rows: FeedbackRow[] = await tx.query(
      `SELECT * FROM mentor_feedback WHERE cohort_id = $1 AND intern_id = $2 AND cycle = $3 FOR UPDATE`,
      [key.cohortId, key.internId, key.cycle],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Inserts the first feedback, or replaces the one stored (same id). */
  async save(tx: EntityManager, f: MentorFeedbackRecord): Promise<void> {
    await onUniqueViolation(
      tx.query(
        `INSERT INTO mentor_feedback (id, cohort_id, intern_id, mentor_id, cycle, ratings, comments, average_score,
                                        revision, submitted_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11)
           ON CONFLICT (id) DO UPDATE SET mentor_id = EXCLUDED.mentor_id, ratings = EXCLUDED.ratings,
             comments = EXCLUDED.comments, average_score = EXCLUDED.average_score, revision = EXCLUDED.revision,
             updated_at = EXCLUDED.updated_at`,
        [
          f.id,
          f.cohortId,
          f.internId,
          f.mentorId,
          f.cycle,
          JSON.stringify(f.ratings),
          f.comments,
          f.averageScore,
          f.revision,
          f.submittedAt,
          f.updatedAt,
        ],
      ),
      () =>
        new ConflictError(`feedback of intern ${f.internId} for the ${f.cycle} cycle was just submitted: try again`),
      'mentor_feedback_intern_cycle_uq',
    );
  }

  /** Every feedback about the mentor (any cohort, any cycle). */
  async aboutMentor(mentorId: string): Promise<MentorFeedbackRecord[]> {
    const rows: FeedbackRow[] = await this.dataSource.query(
      `SELECT * FROM mentor_feedback WHERE mentor_id = $1 ORDER BY submitted_at, id`,
      [mentorId],
    );
    return rows.map(toRecord);
  }

  /** Every feedback the intern gave (any cohort), oldest first. */
  async byIntern(internId: string): Promise<MentorFeedbackRecord[]> {
    const rows: FeedbackRow[] = await this.dataSource.query(
      `SELECT * FROM mentor_feedback WHERE intern_id = $1 ORDER BY submitted_at, cycle, id`,
      [internId],
    );
    return rows.map(toRecord);
  }

  /** Every feedback given in the cohorts, for the reports. */
  async ofCohorts(cohortIds: readonly string[]): Promise<MentorFeedbackRecord[]> {
    if (cohortIds.length === 0) return [];
    const rows: FeedbackRow[] = await this.dataSource.query(
      `SELECT * FROM mentor_feedback WHERE cohort_id = ANY($1::text[]) ORDER BY submitted_at, id`,
      [[...cohortIds]],
    );
    return rows.map(toRecord);
  }
}
