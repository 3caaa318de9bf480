import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The EvaluationWindowClosing reminders sent (window_closing_reminders), and what deciding them reads. */
@Injectable()
export class WindowClosingReminderRepository {
  /** Cohorts whose clock has started and whose interns may still have a window ahead. */
  async startedCohorts(manager: EntityManager, maxExtensionWeeks: number): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT cohort_id FROM eval_cohorts
        WHERE current_week >= 1 AND weeks IS NOT NULL AND current_week <= weeks + $1 AND status <> 'CANCELLED'
        ORDER BY cohort_id`,
      [maxExtensionWeeks + 1],
    )) as { cohort_id: string }[];
    return rows.map((r) => r.cohort_id);
  }

  /** The kinds of evaluation (MENTOR, SELF) submitted, per `<internId>/<cycle>`, in the cohort. */
  async submittedKinds(tx: EntityManager, cohortId: string): Promise<Map<string, string[]>> {
    const rows = (await tx.query(`SELECT intern_id, cycle, kind FROM evaluations WHERE cohort_id = $1`, [
      cohortId,
    ])) as { intern_id: string; cycle: string; kind: string }[];
    const out = new Map<string, string[]>();
    for (const r of rows)
      out.set(`${r.intern_id}/${r.cycle}`, [...(out.get(`${r.intern_id}/${r.cycle}`) ?? []), r.kind]);
    return out;
  }

  /**
   * Records the reminder; false when one for the same intern, cycle and closing date was sent
   * before (or by a concurrent transaction, which this one waits for).
   */
  async record(
    tx: EntityManager,
    r: {
      cohortId: string;
      internId: string;
      cycle: string;
      closesOn: string;
      week: number;
      missing: string[];
      now: Date;
    },
  ): Promise<boolean> {
    const inserted = (await tx.query(
      `INSERT INTO window_closing_reminders (cohort_id, intern_id, cycle, closes_on, week, missing, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (cohort_id, intern_id, cycle, closes_on) DO NOTHING RETURNING intern_id`,
      [r.cohortId, r.internId, r.cycle, r.closesOn, r.week, r.missing, r.now],
    )) as unknown[];
    return inserted.length === 1;
  }
}
