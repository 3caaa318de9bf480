import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { cohortClockNow, MAX_EXTENSION_WEEKS } from '#calendar';
import { EvaluationWindowClosingV1 } from '#contracts';
import { CLOCK, type Clock } from '#ddd';
import { Outbox, outgoing, type OutgoingEvent } from '#messaging';
import type { InternOrmEntity } from '../../program/persistence/intern.orm-entity.js';
import { ProgramRepository, grantsOf, type CohortClockRow } from '../../program/persistence/program.repository.js';
import { evaluationWindows } from '../domain/evaluation-window.js';
import type { EvaluationWindowOrmEntity } from '../persistence/evaluation-window.orm-entity.js';
import { EvaluationWindowRepository } from '../persistence/evaluation-window.repository.js';
import { WindowClosingReminderRepository } from '../persistence/window-closing-reminder.repository.js';
import { missingBeforeClose } from './window-closing.js';

/**
 * EvaluationWindowClosing (SPEC §7), from the durable clock, never from timers holding what is
 * due: what is due is derived from the stored projections (each intern's own windows, extensions
 * included; the evaluations submitted) and the cohort's clock (`cohortClockNow`: the wall clock,
 * or the start of the week a sandbox clock was advanced to); what was sent is stored
 * (`window_closing_reminders`, unique per intern, cycle and closing date) in the transaction that
 * appends the event to the outbox. Two callers: the scheduler (`pass`, every REMINDER_TICK_MS),
 * and the WindowAnnouncer (`remind`) whenever the clock moves, before it announces the windows
 * that closed, so a reminder due in a week a sandbox clock jumped over (or while the service was
 * down) still goes out, before that window's EvaluationOverdue.
 */
@Injectable()
export class WindowClosingReminders {
  constructor(
    private readonly dataSource: DataSource,
    private readonly program: ProgramRepository,
    private readonly windows: EvaluationWindowRepository,
    private readonly reminders: WindowClosingReminderRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Sends the reminders due by now in every started cohort (a transaction per cohort); returns how many. */
  async pass(now: Date = this.clock.now()): Promise<number> {
    let sent = 0;
    for (const cohortId of await this.reminders.startedCohorts(this.dataSource.manager, MAX_EXTENSION_WEEKS)) {
      sent += await this.dataSource.transaction(async (tx) => {
        const clock = await this.program.clock(cohortId, tx);
        if (!clock) return 0;
        const interns = await this.program.internsOfCohort(tx, cohortId);
        return this.remind(tx, clock, interns, await this.windows.windowsOf(tx, cohortId), now);
      });
    }
    return sent;
  }

  /**
   * Sends the reminders due for these interns (their windows as last announced: `stored`) inside
   * the caller's transaction; returns how many.
   */
  async remind(
    tx: EntityManager,
    clock: CohortClockRow,
    interns: readonly InternOrmEntity[],
    stored: readonly EvaluationWindowOrmEntity[],
    wallClock: Date = this.clock.now(),
  ): Promise<number> {
    if (!clock.startDate || !clock.timezone || !clock.weeks || clock.status === 'CANCELLED') return 0;
    const now = cohortClockNow(wallClock, {
      startDate: clock.startDate,
      timezone: clock.timezone,
      currentWeek: clock.currentWeek,
    });
    const announced = new Map(stored.map((w) => [`${w.internId}/${w.cycle}`, w]));
    const at = { startDate: clock.startDate, timezone: clock.timezone, now };
    // The windows that would be due a reminder with nothing submitted; submissions are read only when there are any.
    const due = interns
      .filter((intern) => intern.status === 'ENROLLED')
      .flatMap((intern) => evaluationWindows(clock, grantsOf(intern)).map((window) => ({ intern, window })))
      .filter(
        ({ intern, window }) =>
          missingBeforeClose(window, announced.get(`${intern.internId}/${window.cycle}`), [], at).length > 0,
      );
    if (due.length === 0) return 0;
    const submitted = await this.reminders.submittedKinds(tx, clock.cohortId);
    const events: OutgoingEvent<unknown>[] = [];
    for (const { intern, window } of due) {
      const key = `${intern.internId}/${window.cycle}`;
      const missing = missingBeforeClose(window, announced.get(key), submitted.get(key) ?? [], at);
      if (missing.length === 0 || !window.endsOn) continue;
      const recorded = await this.reminders.record(tx, {
        cohortId: clock.cohortId,
        internId: intern.internId,
        cycle: window.cycle,
        closesOn: window.endsOn,
        week: window.week,
        missing,
        now: wallClock,
      });
      if (!recorded) continue;
      const mentorId = await this.program.primaryMentor(clock.cohortId, intern.internId, tx);
      // Keyed by the intern, as EvaluationDue and EvaluationOverdue are: the reminder precedes the overdue notice.
      events.push(
        outgoing(EvaluationWindowClosingV1, intern.internId, {
          cohortId: clock.cohortId,
          internId: intern.internId,
          cycle: window.cycle,
          closesOn: window.endsOn,
          mentorId,
          missing,
        }) as OutgoingEvent<unknown>,
      );
    }
    if (events.length > 0) await this.outbox.append(tx, events);
    return events.length;
  }
}
