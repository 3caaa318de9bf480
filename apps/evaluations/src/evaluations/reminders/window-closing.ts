import { reminderDueAt } from '#calendar';
import type { EvaluationWindow } from '../domain/evaluation-window.js';

export type MissingEvaluation = 'MENTOR' | 'SELF';

/** Where the cohort's durable clock is (`cohortClockNow`), with its calendar. */
export interface ClosingClock {
  startDate: string;
  timezone: string;
  now: Date;
}

/**
 * The evaluations an EvaluationWindowClosing reminder names for an intern's window, or none when
 * no reminder is due (SPEC §7): two days before the window closes (`reminderDueAt` of its week —
 * the window's last day, the Sunday, is its closing date — in the cohort's local time), for a
 * window that opened for the intern (EvaluationDue announced) and whose close is not announced
 * yet (then EvaluationOverdue says it), with the mentor's and/or the self-evaluation missing. The
 * window is the intern's own (extensions included), so an extension that moves it moves the
 * reminder; the caller sends each once per intern, cycle and closing date.
 */
export function missingBeforeClose(
  window: EvaluationWindow,
  announced: { dueAnnounced: boolean; closeAnnounced: boolean } | undefined,
  submitted: readonly string[],
  clock: ClosingClock,
): MissingEvaluation[] {
  if (!window.endsOn || !announced?.dueAnnounced || announced.closeAnnounced) return [];
  if (reminderDueAt(clock.startDate, window.week, clock.timezone).getTime() > clock.now.getTime()) return [];
  return (['MENTOR', 'SELF'] as const).filter((kind) => !submitted.includes(kind));
}
