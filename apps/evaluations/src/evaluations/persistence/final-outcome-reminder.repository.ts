import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** An intern reminded of their awaited final outcome, as stored (final_outcome_reminders). */
export interface ReminderRow {
  cohort_id: string;
  intern_id: string;
  program_ended_on: string;
  program_ended_at: Date;
  reminders_sent: number;
}

/** The FinalOutcomeAwaited reminders sent, per intern: what makes them durable. */
@Injectable()
export class FinalOutcomeReminderRepository {
  /**
   * Records reminder 1 unless the mentor's FINAL evaluation is recorded or it was recorded
   * already; true when it was recorded now (then the caller publishes it).
   */
  async startIfAwaited(
    tx: EntityManager,
    r: { cohortId: string; internId: string; programEndedOn: string; programEndedAt: Date; now: Date; nextDueAt: Date },
  ): Promise<boolean> {
    const inserted = (await tx.query(
      `INSERT INTO final_outcome_reminders
         (cohort_id, intern_id, program_ended_on, program_ended_at, reminders_sent, last_sent_at, next_due_at)
       SELECT $1, $2, $3, $4, 1, $5, $6
        WHERE NOT EXISTS (SELECT 1 FROM evaluations
                           WHERE cohort_id = $1 AND intern_id = $2 AND kind = 'MENTOR' AND cycle = 'FINAL')
       ON CONFLICT (cohort_id, intern_id) DO NOTHING
       RETURNING intern_id`,
      [r.cohortId, r.internId, r.programEndedOn, r.programEndedAt, r.now, r.nextDueAt],
    )) as unknown[];
    return inserted.length > 0;
  }

  /** The reminders due by `now`, locked (a concurrent pass skips them). */
  async due(tx: EntityManager, now: Date, limit: number): Promise<ReminderRow[]> {
    return (await tx.query(
      `SELECT cohort_id, intern_id, program_ended_on, program_ended_at, reminders_sent FROM final_outcome_reminders
        WHERE resolved_at IS NULL AND next_due_at <= $1
        ORDER BY next_due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    )) as ReminderRow[];
  }

  /** Whether the intern is still enrolled with no final outcome recorded (the reminders go on). */
  async stillAwaited(tx: EntityManager, cohortId: string, internId: string): Promise<boolean> {
    const [state] = (await tx.query(
      `SELECT i.status,
              EXISTS (SELECT 1 FROM evaluations e WHERE e.cohort_id = i.cohort_id AND e.intern_id = i.intern_id
                        AND e.kind = 'MENTOR' AND e.cycle = 'FINAL') AS recorded
         FROM interns i WHERE i.cohort_id = $1 AND i.intern_id = $2`,
      [cohortId, internId],
    )) as { status: string; recorded: boolean }[];
    return !!state && state.status === 'ENROLLED' && !state.recorded;
  }

  async resolve(tx: EntityManager, cohortId: string, internId: string, now: Date): Promise<void> {
    await tx.query(`UPDATE final_outcome_reminders SET resolved_at = $3 WHERE cohort_id = $1 AND intern_id = $2`, [
      cohortId,
      internId,
      now,
    ]);
  }

  async sent(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    r: { reminder: number; now: Date; nextDueAt: Date },
  ): Promise<void> {
    await tx.query(
      `UPDATE final_outcome_reminders SET reminders_sent = $3, last_sent_at = $4, next_due_at = $5
        WHERE cohort_id = $1 AND intern_id = $2`,
      [cohortId, internId, r.reminder, r.now, r.nextDueAt],
    );
  }
}
