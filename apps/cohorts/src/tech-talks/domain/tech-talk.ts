import { AggregateRoot, ConflictError, ValidationError, Violations } from '#ddd';
import type { CohortDomainEvent } from '../../shared/domain/cohort-events.js';
import { CohortStatus, type CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { ONGOING_STATUSES, type EnrollmentStatus } from '../../enrollments/domain/enrollment.js';
import { addMinutes, parseInstant } from '../../shared/domain/instants.js';
import { cohortEndsAt, programTime } from '../../shared/domain/program-time.js';
import { reasonField, textField } from '../../shared/domain/text-fields.js';

export interface ScheduleTechTalkProps {
  title: string;
  speaker: string;
  abstract?: string | null;
  /** ISO 8601 with an offset, e.g. 2027-06-15T16:00:00+02:00. */
  startsAt: string;
  durationMinutes: number;
  joinUrl?: string | null;
}

/** A talk is on the calendar until a program manager cancels it. */
export enum TechTalkStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
}

/** What `rescheduleTechTalk` is given. */
export interface RescheduleTechTalkProps {
  /** ISO 8601 with an offset. */
  startsAt: string;
  durationMinutes: number;
}

export interface TechTalkSnapshot {
  id: string;
  cohortId: string;
  title: string;
  speaker: string;
  abstract: string | null;
  startsAt: Date;
  durationMinutes: number;
  joinUrl: string | null;
  scheduledBy: string;
  scheduledAt: Date;
  rsvpCount: number;
  attendanceCount: number;
  status: TechTalkStatus;
  /** The talk's calendar revision (the `.ics` SEQUENCE): 0 when scheduled, raised by every change. */
  sequence: number;
  cancellationReason: string | null;
  cancelledBy: string | null;
  cancelledAt: Date | null;
}

export const MIN_TALK_MINUTES = 5;
export const MAX_TALK_MINUTES = 480;
export const MAX_ATTENDANCE_BATCH = 1000;
const MAX_ABSTRACT = 5000;
const MAX_URL = 2000;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A talk's details as given, checked and normalized (trimmed; startsAt parsed). */
export interface TechTalkInput {
  title: string;
  speaker: string;
  abstract: string | null;
  startsAt: Date;
  durationMinutes: number;
  joinUrl: string | null;
}

/**
 * The checks of a talk's details that need no stored state, each violation added to `v`:
 * `title`, `speaker` (required), `abstract` (optional, up to 5000), `joinUrl` (optional http(s)
 * URL), `durationMinutes` (5–480), `startsAt` (an instant with an offset). Returns the values;
 * one that is not valid is null.
 */
function checkTalkInput(
  v: Violations,
  props: ScheduleTechTalkProps,
): { [K in keyof TechTalkInput]: TechTalkInput[K] | null } {
  const title = textField(v, 'title', props.title);
  const speaker = textField(v, 'speaker', props.speaker);
  const abstract = textField(v, 'abstract', props.abstract, { max: MAX_ABSTRACT, required: false });
  const joinUrl = textField(v, 'joinUrl', props.joinUrl, { max: MAX_URL, required: false });
  if (joinUrl && !isHttpUrl(joinUrl)) v.add('joinUrl', 'must be an http(s) URL');
  const { durationMinutes, startsAt } = checkTalkTime(v, props);
  return { title, speaker, abstract, startsAt, durationMinutes, joinUrl };
}

/**
 * The checks of a talk's time on its own: `durationMinutes` (5–480) and `startsAt` (an instant
 * with an offset). Returns the values; one that is not valid is null.
 */
function checkTalkTime(
  v: Violations,
  props: RescheduleTechTalkProps,
): { startsAt: Date | null; durationMinutes: number | null } {
  const duration = props.durationMinutes;
  const validDuration = Number.isInteger(duration) && duration >= MIN_TALK_MINUTES && duration <= MAX_TALK_MINUTES;
  v.check(
    validDuration,
    'durationMinutes',
    `must be a whole number of minutes from ${MIN_TALK_MINUTES} to ${MAX_TALK_MINUTES}`,
  );
  const startsAt = parseInstant(props.startsAt) ?? null;
  if (!startsAt) v.add('startsAt', 'must be an ISO 8601 date-time with an offset, e.g. 2027-06-15T16:00:00+02:00');
  return { startsAt, durationMinutes: validDuration ? duration : null };
}

/**
 * The rules of a talk's time that need the cohort, each violation added to `v`: `startsAt` inside
 * the cohort's dates and ahead of its program time, and the talk ending by the end of the program
 * (`durationMinutes`).
 */
function checkTalkTimeInCohort(
  v: Violations,
  startsAt: Date | null,
  duration: number | null,
  cohort: CohortSnapshot,
  now: Date,
): void {
  if (!startsAt) return;
  const end = cohortEndsAt(cohort);
  const programNow = programTime(cohort, now);
  if (startsAt < cohort.startsAt || startsAt >= end) {
    v.add(
      'startsAt',
      `must be inside the cohort's dates (${cohort.startDate} to the end of week ${cohort.weeks}, ${cohort.timezone})`,
    );
  } else if (duration !== null && addMinutes(startsAt, duration) > end) {
    v.add('durationMinutes', `the talk must end by the end of the program (${end.toISOString()})`);
  } else if (startsAt <= programNow) {
    v.add('startsAt', `must be in the future (the cohort's clock is at ${programNow.toISOString()})`);
  }
}

/** Validates a new time for a talk on its own (`startsAt`, `durationMinutes`, reported together). */
export function validateTalkTimeInput(props: RescheduleTechTalkProps): { startsAt: Date; durationMinutes: number } {
  const v = new Violations();
  const time = checkTalkTime(v, props);
  v.throwIfAny();
  return time as { startsAt: Date; durationMinutes: number };
}

/** A cohort that takes no more changes to its talks (nor RSVPs): cancelled or completed. */
function closedCohort(cohort: Pick<CohortSnapshot, 'status'>): boolean {
  return cohort.status === CohortStatus.CANCELLED || cohort.status === CohortStatus.COMPLETED;
}

/**
 * Validates a talk's details on their own, every field reported together (see checkTalkInput).
 * TechTalk.schedule checks them again, with the rules that need the cohort: its dates and clock.
 */
export function validateTechTalkInput(props: ScheduleTechTalkProps): TechTalkInput {
  const v = new Violations();
  const input = checkTalkInput(v, props);
  v.throwIfAny();
  return input as TechTalkInput;
}

/**
 * An attendance list: 1–1000 ids (`internIds`), each given (`internIds[i]`) and, with
 * `enrolled`, enrolled in the talk's cohort. Returns the distinct ids, trimmed, in order.
 */
function checkAttendance(internIds: unknown, enrolled: ReadonlySet<string> | null): string[] {
  if (!Array.isArray(internIds) || internIds.length === 0 || internIds.length > MAX_ATTENDANCE_BATCH) {
    throw ValidationError.field('internIds', `must list 1 to ${MAX_ATTENDANCE_BATCH} intern ids`);
  }
  const v = new Violations();
  const ids: string[] = [];
  internIds.forEach((raw, i) => {
    const id = typeof raw === 'string' ? raw.trim() : '';
    if (!id) v.add(`internIds[${i}]`, 'is required');
    else if (enrolled && !enrolled.has(id)) v.add(`internIds[${i}]`, `${id} is not enrolled in this talk's cohort`);
    else if (!ids.includes(id)) ids.push(id);
  });
  v.throwIfAny();
  return ids;
}

/**
 * Validates an attendance list on its own: 1–1000 ids, none blank. Whether each intern is
 * enrolled in the talk's cohort is TechTalk.recordAttendance's. Returns the distinct ids.
 */
export function validateAttendanceList(internIds: unknown): string[] {
  return checkAttendance(internIds, null);
}

/** A tech talk on a cohort's calendar, with its RSVP and attendance counts. */
export class TechTalk extends AggregateRoot<CohortDomainEvent> {
  private constructor(private state: TechTalkSnapshot) {
    super();
  }

  /**
   * Schedules a talk. Every field is checked and reported together: `title`, `speaker`
   * (required), `abstract` (optional, up to 5000), `startsAt` (an instant with an offset, inside
   * the cohort's dates and ahead of its program time), `durationMinutes` (5–480, and the talk must
   * end by the end of the program), `joinUrl` (optional http(s) URL). A cancelled or completed
   * cohort takes no talks (ConflictError).
   */
  static schedule(
    props: ScheduleTechTalkProps,
    ctx: { id: string; cohort: CohortSnapshot; now: Date; scheduledBy: string },
  ): TechTalk {
    const v = new Violations();
    const { title, speaker, abstract, joinUrl, durationMinutes: duration, startsAt } = checkTalkInput(v, props);
    const { cohort } = ctx;
    checkTalkTimeInCohort(v, startsAt, duration, cohort, ctx.now);
    v.throwIfAny();
    if (closedCohort(cohort)) {
      throw new ConflictError(`cohort ${cohort.id} is ${cohort.status}: it takes no more tech talks`);
    }
    const talk = new TechTalk({
      id: ctx.id,
      cohortId: cohort.id,
      title: title!,
      speaker: speaker!,
      abstract,
      startsAt: startsAt!,
      durationMinutes: duration!,
      joinUrl,
      scheduledBy: ctx.scheduledBy,
      scheduledAt: ctx.now,
      rsvpCount: 0,
      attendanceCount: 0,
      status: TechTalkStatus.SCHEDULED,
      sequence: 0,
      cancellationReason: null,
      cancelledBy: null,
      cancelledAt: null,
    });
    talk.record({ name: 'TechTalkScheduled', talk: talk.toSnapshot() });
    return talk;
  }

  static rehydrate(snapshot: TechTalkSnapshot): TechTalk {
    return new TechTalk({ ...snapshot });
  }

  get id(): string {
    return this.state.id;
  }
  get cohortId(): string {
    return this.state.cohortId;
  }
  get startsAt(): Date {
    return this.state.startsAt;
  }
  get status(): TechTalkStatus {
    return this.state.status;
  }

  /** A cancelled talk takes no RSVP, attendance or change (ConflictError). */
  private assertNotCancelled(what: string): void {
    if (this.state.status === TechTalkStatus.CANCELLED) {
      throw new ConflictError(`the talk was cancelled: ${what}`);
    }
  }

  /**
   * Moves the talk (a program manager): the new `startsAt` and `durationMinutes` are checked as
   * when scheduling (inside the cohort's dates, ahead of its program time, ending by the end of
   * the program; every violation reported together). A cancelled talk, one that has already
   * started (at the program time) and one of a cancelled or completed cohort are a ConflictError.
   * The same time again changes nothing (returns false); otherwise the calendar `sequence` is
   * raised and `TechTalkRescheduled` names the interns who RSVPed (`attendeeIds`), RSVPs kept.
   */
  reschedule(
    props: RescheduleTechTalkProps,
    ctx: { cohort: CohortSnapshot; now: Date; attendeeIds: readonly string[]; rescheduledBy: string },
  ): boolean {
    const v = new Violations();
    const { startsAt, durationMinutes } = checkTalkTime(v, props);
    v.throwIfAny();
    this.assertNotCancelled('it can no longer be rescheduled');
    const s = this.state;
    const { cohort } = ctx;
    if (programTime(cohort, ctx.now) >= s.startsAt) {
      throw new ConflictError(`the talk started at ${s.startsAt.toISOString()}: it can no longer be rescheduled`);
    }
    if (closedCohort(cohort)) {
      throw new ConflictError(`cohort ${cohort.id} is ${cohort.status}: its talks can no longer be rescheduled`);
    }
    if (startsAt!.getTime() === s.startsAt.getTime() && durationMinutes === s.durationMinutes) return false;
    checkTalkTimeInCohort(v, startsAt, durationMinutes, cohort, ctx.now);
    v.throwIfAny();
    const previousStartsAt = s.startsAt;
    this.state = { ...s, startsAt: startsAt!, durationMinutes: durationMinutes!, sequence: s.sequence + 1 };
    this.record({
      name: 'TechTalkRescheduled',
      talk: this.toSnapshot(),
      previousStartsAt,
      attendeeIds: [...ctx.attendeeIds],
      rescheduledBy: ctx.rescheduledBy,
    });
    return true;
  }

  /**
   * Cancels the talk (a program manager) with a `reason` (required, up to 1000 characters): it
   * stays on the calendar as CANCELLED, its calendar `sequence` raised; `TechTalkCancelled` names
   * the interns who RSVPed. A talk already cancelled or already started (at the program time) is a
   * ConflictError.
   */
  cancel(
    reason: unknown,
    ctx: { programNow: Date; now: Date; attendeeIds: readonly string[]; cancelledBy: string },
  ): void {
    const text = reasonField(reason, true);
    this.assertNotCancelled('it cannot be cancelled twice');
    const s = this.state;
    if (ctx.programNow >= s.startsAt) {
      throw new ConflictError(`the talk started at ${s.startsAt.toISOString()}: it can no longer be cancelled`);
    }
    this.state = {
      ...s,
      status: TechTalkStatus.CANCELLED,
      sequence: s.sequence + 1,
      cancellationReason: text,
      cancelledBy: ctx.cancelledBy,
      cancelledAt: ctx.now,
    };
    this.record({
      name: 'TechTalkCancelled',
      talk: this.toSnapshot(),
      reason: text,
      attendeeIds: [...ctx.attendeeIds],
      cancelledBy: ctx.cancelledBy,
    });
  }

  /**
   * An enrolled intern says they will come: only before the talk starts (at the cohort's
   * program time), while their enrollment is ongoing, the talk not cancelled and the cohort not
   * cancelled (ConflictError otherwise). A second RSVP
   * changes nothing (`alreadyRsvped`); returns whether this one counted.
   */
  rsvp(
    internId: string,
    enrollmentStatus: EnrollmentStatus,
    alreadyRsvped: boolean,
    programNow: Date,
    cohortStatus?: CohortStatus,
  ): boolean {
    if (alreadyRsvped) return false;
    this.assertNotCancelled('RSVPs are closed');
    if (cohortStatus === CohortStatus.CANCELLED) {
      throw new ConflictError(`cohort ${this.state.cohortId} was cancelled: RSVPs are closed`);
    }
    if (!ONGOING_STATUSES.includes(enrollmentStatus)) {
      throw new ConflictError(`your enrollment is ${enrollmentStatus}: you can no longer RSVP to talks`);
    }
    if (programNow >= this.state.startsAt) {
      throw new ConflictError(`the talk started at ${this.state.startsAt.toISOString()}: RSVPs are closed`);
    }
    this.state = { ...this.state, rsvpCount: this.state.rsvpCount + 1 };
    this.record({ name: 'TechTalkRsvped', talkId: this.state.id, cohortId: this.state.cohortId, internId });
    return true;
  }

  /**
   * Records who attended, once the talk has started. `internIds` (1–1000, duplicates ignored)
   * must each be enrolled in the talk's cohort (`internIds[i]` otherwise); interns already
   * recorded are skipped. Returns the interns newly recorded.
   */
  recordAttendance(
    internIds: unknown,
    ctx: { enrolled: ReadonlySet<string>; alreadyRecorded: ReadonlySet<string>; programNow: Date },
  ): string[] {
    const ids = checkAttendance(internIds, ctx.enrolled);
    this.assertNotCancelled('no attendance can be recorded');
    if (ctx.programNow < this.state.startsAt) {
      throw new ConflictError(
        `the talk starts at ${this.state.startsAt.toISOString()}: attendance can be recorded once it has started`,
      );
    }
    const fresh = ids.filter((id) => !ctx.alreadyRecorded.has(id));
    this.state = { ...this.state, attendanceCount: this.state.attendanceCount + fresh.length };
    for (const internId of fresh) {
      this.record({ name: 'TechTalkAttended', talkId: this.state.id, cohortId: this.state.cohortId, internId });
    }
    return fresh;
  }

  toSnapshot(): TechTalkSnapshot {
    return { ...this.state };
  }
}
