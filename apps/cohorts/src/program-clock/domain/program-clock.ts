import { CohortPhase, phaseOfWeek, weekStartsAt } from '#calendar';

/** What a due clock event announces when it fires. */
export enum ClockEventKind {
  COHORT_STARTED = 'COHORT_STARTED',
  WEEK_STARTED = 'WEEK_STARTED',
  PHASE_CHANGED = 'PHASE_CHANGED',
  COHORT_COMPLETED = 'COHORT_COMPLETED',
  /** A week after the cohort's own last week that an extended intern's program still runs. */
  EXTENDED_WEEK_STARTED = 'EXTENDED_WEEK_STARTED',
  /**
   * Not a program event: the retention policy's date for a completed cohort (its end plus
   * PERSONAL_DATA_RETENTION_MONTHS), when its interns' personal data is erased. Publishes
   * InternErased per intern; the cohort itself does not change.
   */
  PERSONAL_DATA_RETENTION = 'PERSONAL_DATA_RETENTION',
}

/**
 * One entry of a cohort's durable clock: an integration event that falls due at local midnight
 * of a Monday in the cohort's timezone. `seq` orders a cohort's entries; several share an
 * instant (the start, each Monday's week and phase, the end), and fire in `seq` order.
 */
export interface DueClockEvent {
  seq: number;
  kind: ClockEventKind;
  /** The program week the event opens; `weeks + 1` for the end of the program. */
  week: number;
  /** PHASE_CHANGED: the phase entered; WEEK_STARTED: the week's phase; otherwise null. */
  phase: CohortPhase | null;
  /** PHASE_CHANGED: the phase left (null for the first one); otherwise null. */
  previousPhase: CohortPhase | null;
  dueAt: Date;
}

/**
 * Every clock event of a cohort, in firing order. At the first Monday: CohortStarted, then
 * CohortWeekStarted 1 and CohortPhaseChanged ONBOARDING; each later Monday: CohortWeekStarted
 * {week}, then CohortPhaseChanged when the phase changes; at the end of the last week:
 * CohortPhaseChanged COMPLETED, then CohortCompleted. Each falls due at local midnight in the
 * cohort's timezone, so DST changes never move a week's start off midnight.
 */
export function dueClockEvents(startDate: string, weeks: number, timezone: string): DueClockEvent[] {
  const events: DueClockEvent[] = [];
  const push = (kind: ClockEventKind, week: number, phase: CohortPhase | null, previousPhase: CohortPhase | null) =>
    events.push({
      seq: events.length + 1,
      kind,
      week,
      phase,
      previousPhase,
      dueAt: weekStartsAt(startDate, week, timezone),
    });

  push(ClockEventKind.COHORT_STARTED, 1, null, null);
  let previous: CohortPhase | null = null;
  for (let week = 1; week <= weeks + 1; week++) {
    const phase = phaseOfWeek(week, weeks);
    if (week <= weeks) push(ClockEventKind.WEEK_STARTED, week, phase, null);
    if (phase !== previous) {
      push(ClockEventKind.PHASE_CHANGED, week, phase, previous);
      previous = phase;
    }
  }
  push(ClockEventKind.COHORT_COMPLETED, weeks + 1, null, null);
  return events;
}

/**
 * The clock's weeks after the cohort's own end that interns extended by up to `extensionWeeks`
 * still need: weeks + 1 … weeks + extensionWeeks + 1 (the last one closes the latest intern's
 * final week, as weeks + 1 closes the cohort's). Each is announced as CohortWeekStarted, so the
 * other services' per-intern deadlines and windows past the cohort's end fall due too.
 */
export function extendedWeekEvents(
  startDate: string,
  weeks: number,
  timezone: string,
  extensionWeeks: number,
): { week: number; dueAt: Date }[] {
  const out: { week: number; dueAt: Date }[] = [];
  for (let week = weeks + 1; week <= weeks + extensionWeeks + 1 && extensionWeeks > 0; week++) {
    out.push({ week, dueAt: weekStartsAt(startDate, week, timezone) });
  }
  return out;
}
