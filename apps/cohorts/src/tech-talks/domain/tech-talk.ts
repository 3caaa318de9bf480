import { AggregateRoot, ConflictError, ValidationError, Violations } from '#ddd';
import type { CohortDomainEvent } from '../../shared/domain/cohort-events.js';
import { CohortStatus, type CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { ONGOING_STATUSES, type EnrollmentStatus } from '../../enrollments/domain/enrollment.js';
import { addMinutes, parseInstant } from '../../shared/domain/instants.js';
import { cohortEndsAt, programTime } from '../../shared/domain/program-time.js';
import { textField } from '../../shared/domain/text-fields.js';

export interface ScheduleTechTalkProps {
  title: string;
  speaker: string;
  abstract?: string | null;
  /** ISO 8601 with an offset, e.g. 2027-06-15T16:00:00+02:00. */
  startsAt: string;
  durationMinutes: number;
  joinUrl?: string | null;
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
  const duration = props.durationMinutes;
  const validDuration = Number.isInteger(duration) && duration >= MIN_TALK_MINUTES && duration <= MAX_TALK_MINUTES;
  v.check(
    validDuration,
    'durationMinutes',
    `must be a whole number of minutes from ${MIN_TALK_MINUTES} to ${MAX_TALK_MINUTES}`,
  );
  const startsAt = parseInstant(props.startsAt) ?? null;
  if (!startsAt) v.add('startsAt', 'must be an ISO 8601 date-time with an offset, e.g. 2027-06-15T16:00:00+02:00');
  return { title, speaker, abstract, startsAt, durationMinutes: validDuration ? duration : null, joinUrl };
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
    if (startsAt) {
      const end = cohortEndsAt(cohort);
      const now = programTime(cohort, ctx.now);
      if (startsAt < cohort.startsAt || startsAt >= end) {
        v.add(
          'startsAt',
          `must be inside the cohort's dates (${cohort.startDate} to the end of week ${cohort.weeks}, ${cohort.timezone})`,
        );
      } else if (duration !== null && addMinutes(startsAt, duration) > end) {
        v.add('durationMinutes', `the talk must end by the end of the program (${end.toISOString()})`);
      } else if (startsAt <= now) {
        v.add('startsAt', `must be in the future (the cohort's clock is at ${now.toISOString()})`);
      }
    }
    v.throwIfAny();
    if (cohort.status === CohortStatus.CANCELLED || cohort.status === CohortStatus.COMPLETED) {
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

  /**
   * An enrolled intern says they will come: only before the talk starts (at the cohort's
   * program time) and while their enrollment is ongoing (ConflictError otherwise). A second RSVP
   * changes nothing (`alreadyRsvped`); returns whether this one counted.
   */
  rsvp(internId: string, enrollmentStatus: EnrollmentStatus, alreadyRsvped: boolean, programNow: Date): boolean {
    if (alreadyRsvped) return false;
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
