import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CohortCompletedV1, CohortWeekStartedV1, MilestoneOverdueV1, ProjectScopeOverdueV1 } from '#contracts';
import { CLOCK, type Clock } from '#ddd';
import { on, Outbox, outgoing, type ConsumesEvents, type EventMeta, type OutgoingEvent } from '#messaging';
import { ProgramRepository } from '../../program/persistence/program.repository.js';
import { overdueNotices, type OverdueNotice } from '../domain/deadlines.js';
import { DeadlineNoticeRepository } from '../persistence/deadline-notice.repository.js';
import { DueSoonReminders } from '../reminders/due-soon-reminders.js';

/**
 * Deadlines from the cohort's clock, never from timers: when week W starts (or the cohort
 * completes), every deadline at the end of a week up to W − 1 has passed for each of its interns.
 * An overdue scope or milestone is announced once: its notice row (unique key) commits with the
 * outbox event in the inbox transaction, so neither a redelivered clock event nor a repeated one
 * (another id, a later week) announces it twice. Before the notices, the reminders of the weeks
 * passed that are still unsent (DueSoonReminders).
 */
@Injectable()
export class DeadlineWatchConsumer implements ConsumesEvents {
  readonly handlers = [
    on(CohortWeekStartedV1, (d, meta, tx) => this.weekEnded(tx, d.cohortId, d.week - 1, meta)),
    on(CohortCompletedV1, (d, meta, tx) => this.weekEnded(tx, d.cohortId, d.weeks, meta)),
  ];

  constructor(
    private readonly programs: ProgramRepository,
    private readonly notices: DeadlineNoticeRepository,
    private readonly outbox: Outbox,
    private readonly reminders: DueSoonReminders,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async weekEnded(tx: EntityManager, cohortId: string, endedWeek: number, meta: EventMeta): Promise<void> {
    if (endedWeek < 1) return;
    // Reminders due by the end of that week and still unsent go out first (a sandbox clock jumps
    // whole weeks): a deadline's reminder always precedes its overdue notice.
    await this.reminders.remind(tx, cohortId, meta.id, this.clock.now(), endedWeek);
    const interns = await this.programs.programsOfCohort(tx, cohortId);
    if (interns.length === 0) return;
    const states = await this.notices.deadlineStates(tx, cohortId, interns);
    const out: OutgoingEvent<unknown>[] = [];
    for (const state of states) {
      for (const notice of overdueNotices(state, endedWeek)) {
        if (await this.notices.recordNotice(tx, notice, endedWeek, meta.id)) out.push(toEvent(notice));
      }
    }
    if (out.length > 0) await this.outbox.append(tx, out);
  }
}

function toEvent(notice: OverdueNotice): OutgoingEvent<unknown> {
  if (notice.kind === 'SCOPE') {
    return outgoing(ProjectScopeOverdueV1, notice.projectId ?? notice.internId, {
      cohortId: notice.cohortId,
      internId: notice.internId,
      projectId: notice.projectId,
      dueWeek: notice.dueWeek,
    }) as OutgoingEvent<unknown>;
  }
  return outgoing(MilestoneOverdueV1, notice.projectId, {
    milestoneId: notice.milestoneId,
    projectId: notice.projectId,
    cohortId: notice.cohortId,
    internId: notice.internId,
    dueWeek: notice.dueWeek,
  }) as OutgoingEvent<unknown>;
}
