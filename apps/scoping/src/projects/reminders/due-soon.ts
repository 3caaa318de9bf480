import { reminderDueAt, weekEndsOn } from '#calendar';
import { internScopeDueWeek } from '../../program/domain/program-calendar.js';
import { scopeNoticeSubject, type InternDeadlineState } from '../domain/deadlines.js';
import { effectiveDueWeek } from '../domain/project.js';

/** What the reminders need beyond the deadline state: who must act now. */
export interface InternReminderState extends InternDeadlineState {
  /** The project's latest version is SUBMITTED: the primary mentor (or a PM) must approve it. */
  awaitingApproval: boolean;
  /** Milestones with a report awaiting review (SUBMITTED). */
  awaitingReviewMilestoneIds: ReadonlySet<string>;
  /** Deadlines announced overdue already (`<kind>/<subject>`): never reminded after that. */
  noticed: ReadonlySet<string>;
}

export type DueSoonReminder =
  | {
      kind: 'SCOPE';
      /** The once-only key: intern + deadline + due date. */
      subject: string;
      cohortId: string;
      internId: string;
      projectId: string | null;
      dueWeek: number;
      dueOn: string;
      awaitingApproval: boolean;
    }
  | {
      kind: 'MILESTONE';
      subject: string;
      cohortId: string;
      internId: string;
      projectId: string;
      milestoneId: string;
      title: string;
      dueWeek: number;
      dueOn: string;
      awaitingReview: boolean;
    };

/** Where the cohort's durable clock is: the instant reminders are due by, and the oldest week still reminded. */
export interface ReminderClock {
  startDate: string;
  timezone: string;
  /** The cohort's "now" (`cohortClockNow`, or the start of the week a clock event started). */
  now: Date;
  /**
   * Deadlines of earlier weeks are not reminded: their end passed before the clock got here (an
   * intern enrolled or reinstated late is told they are overdue, not that they are due soon). The
   * clock event that starts week W passes W − 1: reminders of week W − 1 are still sent, before its
   * overdue notices.
   */
  earliestWeek: number;
}

/**
 * The reminders due for an intern (SPEC §7): two days before the end of each of their own due
 * weeks (`reminderDueAt`, the cohort's local time) — the scope's while no version is approved, each
 * milestone's of the version in force while no report of it is accepted — unless the deadline was
 * announced overdue already. The caller sends each once (its key is the intern's deadline and due
 * date: an extension that moves the due date makes a new reminder due).
 */
export function dueSoonReminders(state: InternReminderState, clock: ReminderClock): DueSoonReminder[] {
  if (!state.active) return [];
  const due = (week: number) =>
    week >= clock.earliestWeek && reminderDueAt(clock.startDate, week, clock.timezone).getTime() <= clock.now.getTime();
  const out: DueSoonReminder[] = [];
  const scopeSubject = scopeNoticeSubject(state.cohortId, state.internId);
  const scopeWeek = internScopeDueWeek(state.grants);
  if (!state.project?.inForce && due(scopeWeek) && !state.noticed.has(`SCOPE/${scopeSubject}`)) {
    out.push({
      kind: 'SCOPE',
      subject: scopeSubject,
      cohortId: state.cohortId,
      internId: state.internId,
      projectId: state.project?.id ?? null,
      dueWeek: scopeWeek,
      dueOn: weekEndsOn(clock.startDate, scopeWeek),
      awaitingApproval: state.awaitingApproval,
    });
  }
  const inForce = state.project?.inForce;
  if (state.project && inForce) {
    for (const milestone of inForce.milestones) {
      const dueWeek = effectiveDueWeek(milestone, inForce, state.grants);
      if (state.acceptedMilestoneIds.has(milestone.id) || !due(dueWeek)) continue;
      if (state.noticed.has(`MILESTONE/${milestone.id}`)) continue;
      out.push({
        kind: 'MILESTONE',
        subject: milestone.id,
        cohortId: state.cohortId,
        internId: state.internId,
        projectId: state.project.id,
        milestoneId: milestone.id,
        title: milestone.title,
        dueWeek,
        dueOn: weekEndsOn(clock.startDate, dueWeek),
        awaitingReview: state.awaitingReviewMilestoneIds.has(milestone.id),
      });
    }
  }
  return out;
}
