import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EvaluationDueV1, EvaluationOverdueV1 } from '#contracts';
import { Outbox, outgoing, type OutgoingEvent } from '#messaging';
import { ProgramRepository, grantsOf } from '../../program/persistence/program.repository.js';
import { evaluationWindows, windowTransition, type EvaluationWindow } from '../domain/evaluation-window.js';
import type { EvaluationWindowOrmEntity } from '../persistence/evaluation-window.orm-entity.js';
import { EvaluationWindowRepository } from '../persistence/evaluation-window.repository.js';
import { FinalOutcomeReminders } from '../reminders/final-outcome-reminders.js';
import { WindowClosingReminders } from '../reminders/window-closing-reminders.js';

/**
 * Reminders and overdue evaluations are events, driven by the cohort clock's events (never a
 * timer): after the clock (or an intern's enrollment or extension) changed, each window that has
 * just opened is announced with EvaluationDue, and each that has just closed with evaluations
 * missing with EvaluationOverdue, once (the announcement is recorded with the window, in the
 * transaction of the event that caused it). Once an intern's FINAL window has closed, their
 * program has ended: FinalOutcomeReminders sends the first FinalOutcomeAwaited unless the final
 * outcome is recorded. Before any of it, the EvaluationWindowClosing reminders due
 * (WindowClosingReminders).
 */
@Injectable()
export class WindowAnnouncer {
  constructor(
    private readonly program: ProgramRepository,
    private readonly windows: EvaluationWindowRepository,
    private readonly outbox: Outbox,
    private readonly finalOutcomes: FinalOutcomeReminders,
    private readonly closing: WindowClosingReminders,
  ) {}

  async sync(tx: EntityManager, cohortId: string, internId?: string): Promise<void> {
    const clock = await this.program.clock(cohortId, tx);
    if (!clock?.weeks || clock.status === 'CANCELLED') return;
    // One intern's change (an enrollment, an extension) reads that intern's rows only: a cohort's
    // enrollments would otherwise cost O(interns) each, O(interns²) for the cohort.
    const candidates =
      internId === undefined
        ? await this.program.internsOfCohort(tx, cohortId)
        : [await this.program.enrollment(cohortId, internId, tx)].filter((i) => i !== null);
    const interns = candidates.filter((i) => i.status === 'ENROLLED');
    if (interns.length === 0) return;
    const stored = await this.windows.windowsOf(tx, cohortId, internId);
    // Reminders due by the clock's now and still unsent go out first (a sandbox clock jumps whole
    // weeks): a window's EvaluationWindowClosing always precedes its EvaluationOverdue.
    await this.closing.remind(tx, clock, interns, stored);
    const key = (internId: string, cycle: string) => `${internId}/${cycle}`;
    const previous = new Map(stored.map((w) => [key(w.internId, w.cycle), w]));
    const events: OutgoingEvent<unknown>[] = [];
    const changedRows: EvaluationWindowOrmEntity[] = [];
    const ended: { internId: string; window: EvaluationWindow }[] = [];
    for (const intern of interns) {
      for (const window of evaluationWindows(clock, grantsOf(intern))) {
        const before = previous.get(key(intern.internId, window.cycle));
        const transition = windowTransition(before, window.status);
        const row: EvaluationWindowOrmEntity = {
          cohortId,
          internId: intern.internId,
          cycle: window.cycle,
          week: window.week,
          status: window.status,
          dueAnnounced: before?.dueAnnounced ?? false,
          closeAnnounced: before?.closeAnnounced ?? false,
        };
        if (transition !== 'none') {
          const mentorId = await this.program.primaryMentor(cohortId, intern.internId, tx);
          if (transition === 'opened') {
            row.dueAnnounced = true;
            events.push(
              outgoing(EvaluationDueV1, intern.internId, {
                cohortId,
                internId: intern.internId,
                cycle: window.cycle,
                week: window.week,
                startsOn: window.startsOn,
                endsOn: window.endsOn,
                mentorId,
              }) as OutgoingEvent<unknown>,
            );
          } else {
            row.closeAnnounced = true;
            const submitted = await this.windows.submittedKinds(tx, cohortId, intern.internId, window.cycle);
            const missing = (['MENTOR', 'SELF'] as const).filter((k) => !submitted.includes(k));
            if (missing.length > 0) {
              events.push(
                outgoing(EvaluationOverdueV1, intern.internId, {
                  cohortId,
                  internId: intern.internId,
                  cycle: window.cycle,
                  week: window.week,
                  endsOn: window.endsOn,
                  mentorId,
                  missing,
                }) as OutgoingEvent<unknown>,
              );
            }
          }
        }
        const changed =
          !before ||
          before.week !== row.week ||
          before.status !== row.status ||
          before.dueAnnounced !== row.dueAnnounced ||
          before.closeAnnounced !== row.closeAnnounced;
        if (changed) changedRows.push(row);
        // The intern's own program has ended: reminded until the final outcome is recorded (SPEC §7).
        if (window.cycle === 'FINAL' && window.status === 'CLOSED') ended.push({ internId: intern.internId, window });
      }
    }
    await this.windows.save(tx, changedRows);
    if (events.length) await this.outbox.append(tx, events);
    for (const e of ended) await this.finalOutcomes.programEnded(tx, clock, e.internId, e.window);
  }
}
