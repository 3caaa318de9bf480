import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { weekEndsAt } from '#calendar';
import { FinalOutcomeAwaitedV1 } from '#contracts';
import { CLOCK, type Clock } from '#ddd';
import { Outbox, outgoing } from '#messaging';
import { ProgramRepository, type CohortClockRow } from '../../program/persistence/program.repository.js';
import type { EvaluationWindow } from '../domain/evaluation-window.js';
import { FinalOutcomeReminderRepository, type ReminderRow } from '../persistence/final-outcome-reminder.repository.js';
import { nextReminderDue } from './final-outcome-reminder.js';

/** Interns one pass reminds at most; the scheduler runs passes until one reminds fewer. */
export const REMINDERS_PER_PASS = 100;

/**
 * FinalOutcomeAwaited (SPEC §7): an intern still enrolled whose own program ended with no final
 * outcome recorded. Reminder 1 is published when the cohort clock closes the intern's FINAL window
 * (WindowAnnouncer, in the transaction of the clock event: the program's end is an event, never a
 * timer); the reminders after it, one a day, by `pass`, which the scheduler runs. What was sent is
 * stored with each intern (`final_outcome_reminders`) in the transaction that appends the event
 * to the outbox, so a restart never skips or repeats one. Reminders stop (the row is resolved)
 * once a final outcome is recorded or the enrollment ended.
 */
@Injectable()
export class FinalOutcomeReminders {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reminders: FinalOutcomeReminderRepository,
    private readonly program: ProgramRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The intern's FINAL window has closed: their program ended. Sends reminder 1 unless the
   * mentor's FINAL evaluation is recorded or it was sent already (inside the caller's transaction).
   */
  async programEnded(
    tx: EntityManager,
    clock: CohortClockRow,
    internId: string,
    final: EvaluationWindow,
  ): Promise<void> {
    if (!clock.startDate || !final.endsOn) return;
    const programEndedAt = weekEndsAt(clock.startDate, final.week, clock.timezone ?? 'UTC');
    const now = this.clock.now();
    const started = await this.reminders.startIfAwaited(tx, {
      cohortId: clock.cohortId,
      internId,
      programEndedOn: final.endsOn,
      programEndedAt,
      now,
      nextDueAt: nextReminderDue(programEndedAt, 1, now),
    });
    if (started) await this.publish(tx, clock.cohortId, internId, final.endsOn, 1);
  }

  /** Sends every reminder due by now (at most REMINDERS_PER_PASS); returns how many interns it handled. */
  async pass(): Promise<number> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const due = await this.reminders.due(tx, now, REMINDERS_PER_PASS);
      for (const row of due) await this.remind(tx, row, now);
      return due.length;
    });
  }

  private async remind(tx: EntityManager, row: ReminderRow, now: Date): Promise<void> {
    if (!(await this.reminders.stillAwaited(tx, row.cohort_id, row.intern_id))) {
      await this.reminders.resolve(tx, row.cohort_id, row.intern_id, now);
      return;
    }
    const reminder = row.reminders_sent + 1;
    await this.reminders.sent(tx, row.cohort_id, row.intern_id, {
      reminder,
      now,
      nextDueAt: nextReminderDue(new Date(row.program_ended_at), reminder, now),
    });
    await this.publish(tx, row.cohort_id, row.intern_id, row.program_ended_on, reminder);
  }

  private async publish(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    programEndedOn: string,
    reminder: number,
  ): Promise<void> {
    const mentorId = await this.program.primaryMentor(cohortId, internId, tx);
    await this.outbox.append(tx, [
      outgoing(FinalOutcomeAwaitedV1, internId, { cohortId, internId, mentorId, programEndedOn, reminder }),
    ]);
  }
}
