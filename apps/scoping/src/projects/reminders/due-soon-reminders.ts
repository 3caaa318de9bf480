import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { cohortClockNow, MAX_EXTENSION_WEEKS } from '#calendar';
import { MilestoneDueSoonV1, ProjectScopeDueSoonV1 } from '#contracts';
import { CLOCK, type Clock } from '#ddd';
import { Outbox, outgoing, type OutgoingEvent } from '#messaging';
import { AssignmentRepository, mentorsKey } from '../../assignments/persistence/assignment.repository.js';
import { ProgramRepository } from '../../program/persistence/program.repository.js';
import { DeadlineNoticeRepository } from '../persistence/deadline-notice.repository.js';
import { dueSoonReminders, type DueSoonReminder } from './due-soon.js';
import { DueSoonReminderRepository } from '../persistence/due-soon-reminder.repository.js';

/**
 * ProjectScopeDueSoon and MilestoneDueSoon (SPEC §7), from the durable clock, never from timers
 * holding what is due: what is due is derived from the stored projections (each intern's own
 * calendar, extensions included) and the cohort's clock; what was sent is stored
 * (`due_soon_reminders`, unique per deadline and due date) in the transaction that appends the
 * event to the outbox. Two callers:
 * - the scheduler (`pass`, every REMINDER_TICK_MS): the wall clock reaches the reminder time;
 * - the deadline watch, when a clock event passes a week (`remind` with `passedWeek`): reminders
 *   of the week just passed that are still unsent (a sandbox clock jumps whole weeks; a service
 *   down during the reminder hour) go out first, before that week's overdue notices.
 */
@Injectable()
export class DueSoonReminders {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programs: ProgramRepository,
    private readonly notices: DeadlineNoticeRepository,
    private readonly reminders: DueSoonReminderRepository,
    private readonly assignments: AssignmentRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Sends the reminders due by now in every started cohort (a transaction per cohort); returns how many. */
  async pass(now: Date = this.clock.now()): Promise<number> {
    let sent = 0;
    for (const cohort of await this.reminders.startedCohorts(this.dataSource.manager, MAX_EXTENSION_WEEKS)) {
      sent += await this.dataSource.transaction((tx) => this.remind(tx, cohort.cohort_id, 'scheduler', now));
    }
    return sent;
  }

  /**
   * Sends the cohort's reminders due now, inside the caller's transaction. With `passedWeek` (a
   * clock event says that week is over) the cohort's now is at least the end of it, and the
   * reminders of that week are still sent; otherwise now is the cohort's clock (`cohortClockNow`)
   * and the oldest week reminded is the one before the clock's current week.
   */
  async remind(
    tx: EntityManager,
    cohortId: string,
    causedBy: string,
    wallClock: Date,
    passedWeek?: number,
  ): Promise<number> {
    const interns = await this.programs.programsOfCohort(tx, cohortId);
    const cohort = interns[0]?.cohort;
    if (!cohort) return 0;
    const currentWeek = passedWeek === undefined ? cohort.currentWeek : passedWeek + 1;
    if (currentWeek < 1) return 0;
    const now = cohortClockNow(wallClock, { ...cohort, currentWeek });
    const earliestWeek = passedWeek ?? Math.max(1, currentWeek - 1);
    const facts = await this.reminders.facts(tx, cohortId);
    const states = await this.notices.deadlineStates(tx, cohortId, interns);
    const due: DueSoonReminder[] = [];
    for (const state of states) {
      const candidates = dueSoonReminders(
        {
          ...state,
          awaitingApproval: state.project !== null && facts.awaitingApproval.has(state.project.id),
          awaitingReviewMilestoneIds: facts.awaitingReview,
          noticed: facts.noticed,
        },
        { startDate: cohort.startDate, timezone: cohort.timezone, now, earliestWeek },
      );
      for (const reminder of candidates) {
        if (await this.reminders.record(tx, reminder, causedBy, wallClock)) due.push(reminder);
      }
    }
    if (due.length === 0) return 0;
    const mentors = await this.assignments.mentorsOfMany(
      tx,
      due.map((r) => ({ internId: r.internId, cohortId })),
    );
    await this.outbox.append(
      tx,
      due.map((r) => toEvent(r, mentors.get(mentorsKey(r.internId, cohortId))?.primaryMentorId ?? null)),
    );
    return due.length;
  }
}

function toEvent(r: DueSoonReminder, primaryMentorId: string | null): OutgoingEvent<unknown> {
  if (r.kind === 'SCOPE') {
    // Keyed as ProjectScopeOverdue is: the reminder precedes the overdue notice on its partition.
    return outgoing(ProjectScopeDueSoonV1, r.projectId ?? r.internId, {
      cohortId: r.cohortId,
      internId: r.internId,
      projectId: r.projectId,
      dueWeek: r.dueWeek,
      dueOn: r.dueOn,
      primaryMentorId,
      awaitingApproval: r.awaitingApproval,
    }) as OutgoingEvent<unknown>;
  }
  return outgoing(MilestoneDueSoonV1, r.projectId, {
    milestoneId: r.milestoneId,
    projectId: r.projectId,
    cohortId: r.cohortId,
    internId: r.internId,
    title: r.title,
    dueWeek: r.dueWeek,
    dueOn: r.dueOn,
    awaitingReview: r.awaitingReview,
  }) as OutgoingEvent<unknown>;
}
