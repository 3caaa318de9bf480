import { AggregateRoot, dateInZone, isIsoDate, Violations, type DomainEvent, trimmed as text } from '#ddd';
import { programWeekOf, type CohortCalendar } from '../../cohorts/domain/cohort-calendar.js';

export const CHECK_IN_PROGRESS = ['OFF_TRACK', 'AT_RISK', 'ON_TRACK', 'AHEAD'] as const;
export type CheckInProgress = (typeof CHECK_IN_PROGRESS)[number];

export const MIN_DURATION_MINUTES = 1;
export const MAX_DURATION_MINUTES = 480;
export const MAX_FORMAT = 50;
export const MAX_NOTES = 10_000;
export const MAX_LIST_ITEMS = 20;
export const MAX_LIST_ITEM = 500;

/** The latest calendar date anywhere on Earth (UTC+14), and the earliest (UTC-12). */
const LATEST_ZONE = 'Pacific/Kiritimati';
const EARLIEST_ZONE = 'Etc/GMT+12';

/** What a mentor gives when logging a check-in (raw: validated by `CheckIn.log`). */
export interface LogCheckInProps {
  internId: string;
  /** The day it took place, `YYYY-MM-DD`. */
  occurredOn: string;
  durationMinutes: number;
  /** How it took place, in the mentor's words: "video call", "in person", "chat"… */
  format: string;
  progress: string;
  /** Shared with the intern. */
  notes?: string | null;
  /** For the author mentor and program managers only; never for the intern. */
  privateNotes?: string | null;
  blockers?: string[] | null;
  actionItems?: string[] | null;
}

/** Where the check-in belongs, as the command handler found it under its transaction. */
export interface CheckInContext {
  checkInId: string;
  mentorId: string;
  assignmentId: string;
  cohortId: string;
  /** The intern's cohort calendar and clock; null while this service has not heard of the cohort. */
  calendar: CohortCalendar | null;
  /** The intern's own extension of the program, in weeks. */
  extensionWeeks: number;
  enrolledAt: Date;
  now: Date;
}

export interface CheckInState {
  checkInId: string;
  cohortId: string;
  internId: string;
  mentorId: string;
  assignmentId: string;
  occurredOn: string;
  /** The program week of `occurredOn` in the intern's cohort calendar; null outside it. */
  week: number | null;
  durationMinutes: number;
  format: string;
  progress: CheckInProgress;
  notes: string;
  privateNotes: string | null;
  blockers: string[];
  actionItems: string[];
}

export interface CheckInLogged extends DomainEvent {
  readonly name: 'CheckInLogged';
  readonly checkIn: Readonly<CheckInState>;
}

function list(value: unknown, field: string, v: Violations): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    v.add(field, 'must be a list');
    return [];
  }
  if (value.length > MAX_LIST_ITEMS) v.add(field, `must have at most ${MAX_LIST_ITEMS} items`);
  const out: string[] = [];
  value.forEach((raw, i) => {
    const item = text(raw);
    if (!item) v.add(`${field}[${i}]`, 'must not be empty');
    else if (item.length > MAX_LIST_ITEM) v.add(`${field}[${i}]`, `must be at most ${MAX_LIST_ITEM} characters`);
    else out.push(item);
  });
  return out;
}

/**
 * The latest day a check-in may have taken place: today somewhere on Earth; or, when the cohort's
 * clock runs ahead of real time (sandbox mode fast-forwards it), the last day of its current week.
 */
export function latestCheckInDate(now: Date, calendar: CohortCalendar | null): string {
  const today = dateInZone(now, LATEST_ZONE);
  if (calendar?.currentWeekStartsOn && calendar.currentWeekEndsOn && calendar.currentWeekStartsOn > today) {
    return calendar.currentWeekEndsOn;
  }
  return today;
}

/**
 * One mentor–intern check-in: validated when logged, then immutable. Its week is derived from
 * the intern's cohort calendar (the weeks from the cohort's start date, plus the intern's own
 * extension), so "was there a check-in in week 5?" has one answer across the system.
 */
export class CheckIn extends AggregateRoot<CheckInLogged> {
  private constructor(private readonly state: CheckInState) {
    super();
  }

  /** Validates every field at once (ValidationError naming each) and records CheckInLogged. */
  static log(props: LogCheckInProps, ctx: CheckInContext): CheckIn {
    const v = new Violations();

    const internId = text(props.internId);
    v.check(internId.length > 0, 'internId', 'must not be empty');

    const occurredOn = text(props.occurredOn);
    if (!isIsoDate(occurredOn)) {
      v.add('occurredOn', 'must be a date YYYY-MM-DD');
    } else {
      const latest = latestCheckInDate(ctx.now, ctx.calendar);
      const earliest = dateInZone(ctx.enrolledAt, EARLIEST_ZONE);
      if (occurredOn > latest) v.add('occurredOn', `must not be in the future (latest ${latest})`);
      else if (occurredOn < earliest) v.add('occurredOn', `must not be before the intern was enrolled (${earliest})`);
    }

    const duration = props.durationMinutes;
    v.check(
      Number.isInteger(duration) && duration >= MIN_DURATION_MINUTES && duration <= MAX_DURATION_MINUTES,
      'durationMinutes',
      `must be a whole number of minutes from ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES}`,
    );

    const format = text(props.format);
    v.check(format.length > 0, 'format', 'must not be empty (e.g. "video call", "in person")');
    v.check(format.length <= MAX_FORMAT, 'format', `must be at most ${MAX_FORMAT} characters`);

    v.check(
      (CHECK_IN_PROGRESS as readonly string[]).includes(props.progress),
      'progress',
      `must be one of ${CHECK_IN_PROGRESS.join(', ')}`,
    );

    const notes = text(props.notes);
    v.check(notes.length <= MAX_NOTES, 'notes', `must be at most ${MAX_NOTES} characters`);
    const privateNotes = text(props.privateNotes);
    v.check(privateNotes.length <= MAX_NOTES, 'privateNotes', `must be at most ${MAX_NOTES} characters`);

    const blockers = list(props.blockers, 'blockers', v);
    const actionItems = list(props.actionItems, 'actionItems', v);

    v.throwIfAny();

    const checkIn = new CheckIn({
      checkInId: ctx.checkInId,
      cohortId: ctx.cohortId,
      internId,
      mentorId: ctx.mentorId,
      assignmentId: ctx.assignmentId,
      occurredOn,
      week: ctx.calendar ? programWeekOf(ctx.calendar, occurredOn, ctx.extensionWeeks) : null,
      durationMinutes: duration,
      format,
      progress: props.progress as CheckInProgress,
      notes,
      privateNotes: privateNotes || null,
      blockers,
      actionItems,
    });
    checkIn.record({ name: 'CheckInLogged', checkIn: checkIn.snapshot() });
    return checkIn;
  }

  get id(): string {
    return this.state.checkInId;
  }

  snapshot(): CheckInState {
    return { ...this.state, blockers: [...this.state.blockers], actionItems: [...this.state.actionItems] };
  }
}
