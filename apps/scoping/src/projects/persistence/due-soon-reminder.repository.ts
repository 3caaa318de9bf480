import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DueSoonReminder } from '../reminders/due-soon.js';

/** Who must act in a cohort now, and the overdue notices already announced (what the reminders skip). */
export interface ReminderFacts {
  /** Projects whose latest version is SUBMITTED. */
  awaitingApproval: ReadonlySet<string>;
  /** Milestones with a report SUBMITTED, awaiting review. */
  awaitingReview: ReadonlySet<string>;
  /** `<kind>/<subject>` of the deadline notices announced. */
  noticed: ReadonlySet<string>;
}

/** A cohort whose clock has started, as the scheduler reads it. */
export interface StartedCohortRow {
  cohort_id: string;
}

/** The due-soon reminders sent (due_soon_reminders), and what deciding them reads. */
@Injectable()
export class DueSoonReminderRepository {
  async facts(tx: EntityManager, cohortId: string): Promise<ReminderFacts> {
    const submitted = (await tx.query(
      `SELECT p.id FROM projects p JOIN scope_versions v ON v.project_id = p.id AND v.version = p.latest_version
        WHERE p.cohort_id = $1 AND v.status = 'SUBMITTED'`,
      [cohortId],
    )) as { id: string }[];
    const reviews = (await tx.query(
      `SELECT DISTINCT milestone_id FROM milestone_reports WHERE cohort_id = $1 AND status = 'SUBMITTED'`,
      [cohortId],
    )) as { milestone_id: string }[];
    const notices = (await tx.query(`SELECT kind, subject FROM deadline_notices WHERE cohort_id = $1`, [cohortId])) as {
      kind: string;
      subject: string;
    }[];
    return {
      awaitingApproval: new Set(submitted.map((r) => r.id)),
      awaitingReview: new Set(reviews.map((r) => r.milestone_id)),
      noticed: new Set(notices.map((n) => `${n.kind}/${n.subject}`)),
    };
  }

  /**
   * Cohorts whose clock has started and whose interns may still have deadlines ahead (the cohort's
   * weeks plus the longest extension, and the week after).
   */
  async startedCohorts(manager: EntityManager, maxExtensionWeeks: number): Promise<StartedCohortRow[]> {
    return (await manager.query(
      `SELECT cohort_id FROM cohorts WHERE current_week >= 1 AND current_week <= weeks + $1 ORDER BY cohort_id`,
      [maxExtensionWeeks + 1],
    )) as StartedCohortRow[];
  }

  /**
   * Records the reminder; false when one for the same deadline and due date was sent before (or is
   * being sent by a concurrent transaction, which this one waits for).
   */
  async record(tx: EntityManager, reminder: DueSoonReminder, causedBy: string, now: Date): Promise<boolean> {
    const inserted = (await tx.query(
      `INSERT INTO due_soon_reminders
         (kind, subject, due_on, cohort_id, intern_id, project_id, milestone_id, due_week, caused_by, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (kind, subject, due_on) DO NOTHING RETURNING subject`,
      [
        reminder.kind,
        reminder.subject,
        reminder.dueOn,
        reminder.cohortId,
        reminder.internId,
        reminder.projectId,
        reminder.kind === 'MILESTONE' ? reminder.milestoneId : null,
        reminder.dueWeek,
        causedBy,
        now,
      ],
    )) as unknown[];
    return inserted.length === 1;
  }
}
