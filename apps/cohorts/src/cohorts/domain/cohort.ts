import {
  AggregateRoot,
  ConflictError,
  dateInZone,
  dayOfWeek,
  isIsoDate,
  isValidTimeZone,
  ValidationError,
  Violations,
} from '#ddd';
import { CohortPhase, cohortCalendar, datesOfWeek, phaseOfWeek, weekStartsAt, type CohortCalendar } from '#calendar';
import type { CohortDomainEvent } from '../../shared/domain/cohort-events.js';
import {
  Enrollment,
  EnrollmentStatus,
  validateInternDetails,
  type EnrollInternProps,
} from '../../enrollments/domain/enrollment.js';
import { later } from '../../shared/domain/instants.js';
import { programTime } from '../../shared/domain/program-time.js';
import { reasonField, requiredText } from '../../shared/domain/text-fields.js';
import { ClockEventKind, type DueClockEvent } from '../../program-clock/domain/program-clock.js';

export enum WorkMode {
  REMOTE = 'REMOTE',
  HYBRID = 'HYBRID',
  ON_SITE = 'ON_SITE',
}

export enum CohortStatus {
  SCHEDULED = 'SCHEDULED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export const MIN_WEEKS = 10;
export const MAX_WEEKS = 22;
export const DEFAULT_WEEKS = 12;
export const MAX_CAPACITY = 1000;
/** The zone where a day begins last (UTC-12): today there is never after today anywhere else. */
const EARLIEST_ZONE = 'Etc/GMT+12';
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** What a program manager gives to schedule a cohort. */
export interface ScheduleCohortProps {
  name: string;
  startDate: string;
  /** Default 12. */
  weeks?: number | null;
  timezone: string;
  location: string;
  workMode: WorkMode | string;
  capacity: number;
}

export interface CohortSnapshot {
  id: string;
  name: string;
  /** A Monday, YYYY-MM-DD, in `timezone`. */
  startDate: string;
  weeks: number;
  timezone: string;
  location: string;
  workMode: WorkMode;
  capacity: number;
  status: CohortStatus;
  /** Places taken. */
  enrolledCount: number;
  /** Local midnight of `startDate` in `timezone`: the instant the cohort starts. */
  startsAt: Date;
  scheduledBy: string;
  scheduledAt: Date;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
  /** The last week the clock opened: 0 before the start, `weeks + 1` once completed. */
  currentWeek: number;
  /** The phase the clock last entered; null before the start. */
  currentPhase: CohortPhase | null;
  /**
   * When the last fired clock event fell due. In sandbox mode a cohort advanced ahead of real
   * time lives at this instant: its program time is the later of this and the wall clock.
   */
  clockAt: Date | null;
}

/** The optional reason for cancelling a cohort: trimmed, at most 1000 characters (field `reason`); blank is none. */
export function validateCancellationReason(reason: unknown): string | null {
  return reasonField(reason, false);
}

/** The cohort's name: required text (field `name`). */
function cohortName(v: Violations, value: unknown): string {
  return requiredText(v, 'name', value);
}

/** The cohort's location: required text (field `location`). */
function cohortLocation(v: Violations, value: unknown): string {
  return requiredText(v, 'location', value);
}

/**
 * The start and zone of a cohort: `timezone` an IANA zone, `startDate` a real date, a Monday, not
 * before today in that zone (or in UTC when the zone is not valid).
 */
function cohortDates(
  v: Violations,
  rawStart: unknown,
  rawZone: unknown,
  now: Date,
): { startDate: string; timezone: string } {
  const timezone = typeof rawZone === 'string' ? rawZone.trim() : '';
  const validZone = isValidTimeZone(timezone);
  v.check(validZone, 'timezone', 'must be an IANA time zone such as Europe/Berlin');
  const startDate = typeof rawStart === 'string' ? rawStart.trim() : '';
  if (rawStart === null) {
    // Only the zone is given and the start is not known yet: judged once the cohort is loaded.
  } else if (!isIsoDate(startDate)) {
    v.add('startDate', 'must be a date YYYY-MM-DD');
  } else if (dayOfWeek(startDate) !== 1) {
    v.add('startDate', `must be a Monday (${startDate} is a ${WEEKDAYS[dayOfWeek(startDate)]})`);
  } else {
    const today = dateInZone(now, validZone ? timezone : 'UTC');
    v.check(startDate >= today, 'startDate', `must not be in the past (today is ${today})`);
  }
  return { startDate, timezone };
}

/** The length of the program: a whole number of weeks from 10 to 22 (field `weeks`). */
function cohortWeeks(v: Violations, weeks: unknown): number {
  v.check(
    Number.isInteger(weeks) && (weeks as number) >= MIN_WEEKS && (weeks as number) <= MAX_WEEKS,
    'weeks',
    `must be a whole number from ${MIN_WEEKS} to ${MAX_WEEKS}`,
  );
  return weeks as number;
}

function cohortWorkMode(v: Violations, value: unknown): WorkMode {
  const workMode = value as WorkMode;
  v.check(
    Object.values(WorkMode).includes(workMode),
    'workMode',
    `must be one of ${Object.values(WorkMode).join(', ')}`,
  );
  return workMode;
}

/** Places in the cohort: a whole number from 1 to 1000 (field `capacity`). */
function cohortCapacity(v: Violations, capacity: unknown): number {
  v.check(
    Number.isInteger(capacity) && (capacity as number) >= 1 && (capacity as number) <= MAX_CAPACITY,
    'capacity',
    `must be a whole number from 1 to ${MAX_CAPACITY}`,
  );
  return capacity as number;
}

/** What a program manager may change of a cohort (`updateCohort`); a field left out (or null) stays. */
export interface UpdateCohortProps {
  name?: string | null;
  capacity?: number | null;
  location?: string | null;
  workMode?: WorkMode | string | null;
  startDate?: string | null;
  weeks?: number | null;
  timezone?: string | null;
}

/** The fields of a cohort `updateCohort` may change, in the order CohortUpdated names them. */
export const COHORT_FIELDS = ['name', 'startDate', 'weeks', 'timezone', 'location', 'workMode', 'capacity'] as const;
export type CohortField = (typeof COHORT_FIELDS)[number];
/** The fields that move the cohort's dates: changed only while SCHEDULED. */
export const DATE_FIELDS: readonly CohortField[] = ['startDate', 'weeks', 'timezone'];

/**
 * Checks an update's input: at least one field (else a ValidationError on `input`), each given
 * field as `Cohort.schedule` checks it, every violation together. Returns the given fields clean
 * (trimmed). `current` is the cohort's start and zone: the start date's "not in the past" is
 * judged in the zone the cohort will have. Without `current` (before the cohort is loaded) a start
 * date given alone is judged in the earliest zone on Earth, then again with the cohort.
 */
export function validateCohortUpdate(
  props: UpdateCohortProps,
  current: { startDate: string; timezone: string } | null,
  now: Date,
): Partial<Pick<CohortSnapshot, CohortField>> {
  const given = COHORT_FIELDS.filter((f) => props[f] !== undefined && props[f] !== null);
  if (given.length === 0) {
    throw ValidationError.field('input', `give at least one of ${COHORT_FIELDS.join(', ')}`);
  }
  const v = new Violations();
  const out: Partial<Pick<CohortSnapshot, CohortField>> = {};
  if (props.name != null) out.name = cohortName(v, props.name);
  if (props.startDate != null || props.timezone != null) {
    const dates = cohortDates(
      v,
      props.startDate ?? current?.startDate ?? null,
      props.timezone ?? current?.timezone ?? EARLIEST_ZONE,
      now,
    );
    if (props.startDate != null) out.startDate = dates.startDate;
    if (props.timezone != null) out.timezone = dates.timezone;
  }
  if (props.weeks != null) out.weeks = cohortWeeks(v, props.weeks);
  if (props.location != null) out.location = cohortLocation(v, props.location);
  if (props.workMode != null) out.workMode = cohortWorkMode(v, props.workMode);
  if (props.capacity != null) out.capacity = cohortCapacity(v, props.capacity);
  v.throwIfAny();
  return out;
}

/**
 * A cohort of interns: its dates, its capacity and who is enrolled. Enforces the scheduling,
 * cancellation and enrollment rules and records a domain event for every change.
 */
export class Cohort extends AggregateRoot<CohortDomainEvent> {
  private constructor(
    private state: CohortSnapshot,
    /**
     * The interns known to be enrolled: at least those among the interns the current command
     * concerns (an intern enrolls at most once per cohort). The repository loads no more than
     * that, so that an enrollment costs the same in a cohort of 5 or of 1,000.
     */
    private readonly internIds: Set<string>,
  ) {
    super();
  }

  /**
   * Schedules a new cohort. Every field is checked and every violation is reported together:
   * `name`, `startDate` (a real date, a Monday, not before today in the cohort's timezone),
   * `weeks` (10–22, default 12), `timezone` (IANA), `location`, `workMode`, `capacity` (1–1000).
   */
  static schedule(props: ScheduleCohortProps, ctx: { id: string; now: Date; scheduledBy: string }): Cohort {
    const v = new Violations();
    const name = cohortName(v, props.name);
    const { startDate, timezone } = cohortDates(v, props.startDate ?? '', props.timezone, ctx.now);
    const weeks = cohortWeeks(v, props.weeks ?? DEFAULT_WEEKS);
    const location = cohortLocation(v, props.location);
    const workMode = cohortWorkMode(v, props.workMode);
    cohortCapacity(v, props.capacity);
    v.throwIfAny();

    const cohort = new Cohort(
      {
        id: ctx.id,
        name,
        startDate,
        weeks,
        timezone,
        location,
        workMode,
        capacity: props.capacity,
        status: CohortStatus.SCHEDULED,
        enrolledCount: 0,
        startsAt: weekStartsAt(startDate, 1, timezone),
        scheduledBy: ctx.scheduledBy,
        scheduledAt: ctx.now,
        cancelledAt: null,
        cancelledBy: null,
        cancellationReason: null,
        currentWeek: 0,
        currentPhase: null,
        clockAt: null,
      },
      new Set(),
    );
    cohort.record({ name: 'CohortScheduled', cohort: cohort.toSnapshot() });
    return cohort;
  }

  /**
   * Rebuilds a cohort from storage; `enrolledInternIds` are the interns already enrolled among
   * those the command concerns (all of them, or only the one about to enroll).
   */
  static rehydrate(snapshot: CohortSnapshot, enrolledInternIds: Iterable<string> = []): Cohort {
    return new Cohort({ ...snapshot }, new Set(enrolledInternIds));
  }

  get id(): string {
    return this.state.id;
  }
  get status(): CohortStatus {
    return this.state.status;
  }
  get capacity(): number {
    return this.state.capacity;
  }
  get enrolledCount(): number {
    return this.state.enrolledCount;
  }
  get placesLeft(): number {
    return Math.max(0, this.state.capacity - this.state.enrolledCount);
  }
  get startsAt(): Date {
    return this.state.startsAt;
  }
  get startDate(): string {
    return this.state.startDate;
  }
  get weeks(): number {
    return this.state.weeks;
  }
  get timezone(): string {
    return this.state.timezone;
  }
  get currentWeek(): number {
    return this.state.currentWeek;
  }

  /** The cohort's "now": the wall clock, or later when the cohort was advanced in sandbox mode. */
  programTime(now: Date): Date {
    return programTime(this.state, now);
  }

  /**
   * Applies one due clock event, in order: CohortStarted moves SCHEDULED to IN_PROGRESS, each
   * CohortWeekStarted opens the next week, CohortPhaseChanged records the phase, CohortCompleted
   * moves IN_PROGRESS to COMPLETED. Records the matching domain event. Anything out of order is
   * a ConflictError (the clock never skips or repeats an event).
   */
  applyClockEvent(event: DueClockEvent): void {
    const s = this.state;
    const conflict = (what: string) =>
      new ConflictError(`cohort ${s.id} is ${s.status} in week ${s.currentWeek}: ${what} is out of order`);
    switch (event.kind) {
      case ClockEventKind.COHORT_STARTED:
        if (s.status !== CohortStatus.SCHEDULED) throw conflict('CohortStarted');
        this.state = { ...s, status: CohortStatus.IN_PROGRESS };
        this.record({
          name: 'CohortStarted',
          cohortId: s.id,
          startDate: s.startDate,
          weeks: s.weeks,
          timezone: s.timezone,
          startedAt: event.dueAt,
        });
        break;
      case ClockEventKind.WEEK_STARTED:
        if (s.status !== CohortStatus.IN_PROGRESS || event.week !== s.currentWeek + 1) {
          throw conflict(`CohortWeekStarted ${event.week}`);
        }
        this.openWeek(event.week, phaseOfWeek(event.week, s.weeks));
        break;
      case ClockEventKind.PHASE_CHANGED:
        if (s.status !== CohortStatus.IN_PROGRESS || !event.phase) throw conflict(`CohortPhaseChanged ${event.phase}`);
        this.state = { ...s, currentPhase: event.phase };
        this.record({
          name: 'CohortPhaseChanged',
          cohortId: s.id,
          phase: event.phase,
          previousPhase: event.previousPhase,
          week: event.week,
        });
        break;
      case ClockEventKind.COHORT_COMPLETED:
        if (s.status !== CohortStatus.IN_PROGRESS || s.currentWeek !== s.weeks) throw conflict('CohortCompleted');
        this.state = { ...s, status: CohortStatus.COMPLETED, currentWeek: s.weeks + 1 };
        this.record({ name: 'CohortCompleted', cohortId: s.id, completedAt: event.dueAt, weeks: s.weeks });
        break;
      case ClockEventKind.EXTENDED_WEEK_STARTED:
        // The cohort itself has completed; extended interns' weeks go on.
        if (
          s.status !== CohortStatus.COMPLETED ||
          event.week < s.currentWeek ||
          (event.week === s.currentWeek && event.week !== s.weeks + 1)
        ) {
          throw conflict(`CohortWeekStarted ${event.week} (extended)`);
        }
        this.openWeek(event.week, CohortPhase.COMPLETED);
        break;
    }
    this.state = { ...this.state, clockAt: later(event.dueAt, this.state.clockAt) };
  }

  /** The clock opens `week` (in `phase`): records CohortWeekStarted with the week's dates. */
  private openWeek(week: number, phase: CohortPhase): void {
    const s = this.state;
    this.state = { ...s, currentWeek: week };
    this.record({
      name: 'CohortWeekStarted',
      cohortId: s.id,
      week,
      ...datesOfWeek(s.startDate, week),
      phase,
      weeks: s.weeks,
    });
  }

  /**
   * A program manager changes the cohort (`changes` as validateCohortUpdate returns them). Name,
   * capacity, location and work mode change until the cohort is COMPLETED or CANCELLED; the start
   * date, weeks and timezone only while it is SCHEDULED (ConflictError naming the field). The
   * capacity may not go below the places taken (ConflictError). Records CohortUpdated with the
   * fields that differ; returns them (none: nothing changes, nothing is recorded).
   */
  update(changes: Partial<Pick<CohortSnapshot, CohortField>>, updatedBy: string): CohortField[] {
    const s = this.state;
    if (s.status === CohortStatus.COMPLETED || s.status === CohortStatus.CANCELLED) {
      throw new ConflictError(`cohort ${s.id} is ${s.status}: it can no longer be changed`);
    }
    const changed = COHORT_FIELDS.filter((f) => changes[f] !== undefined && changes[f] !== s[f]);
    const dates = changed.filter((f) => DATE_FIELDS.includes(f));
    if (dates.length > 0 && s.status !== CohortStatus.SCHEDULED) {
      throw new ConflictError(
        `cohort ${s.id} is ${s.status}: ${dates.join(', ')} can change only while the cohort is SCHEDULED`,
      );
    }
    if (changes.capacity !== undefined && changes.capacity < s.enrolledCount) {
      throw new ConflictError(
        `capacity ${changes.capacity} is below the ${s.enrolledCount} interns enrolled in cohort ${s.id}`,
      );
    }
    if (changed.length === 0) return [];
    const next: CohortSnapshot = { ...s };
    for (const field of changed) Object.assign(next, { [field]: changes[field] });
    next.startsAt = weekStartsAt(next.startDate, 1, next.timezone);
    this.state = next;
    this.record({ name: 'CohortUpdated', cohort: this.toSnapshot(), changed, updatedBy });
    return changed;
  }

  /**
   * A withdrawn intern comes back (`reinstateIntern`): only while the cohort is IN_PROGRESS and
   * has a place left (ConflictError otherwise); the enrollment becomes ACTIVE again and takes a place.
   */
  reinstate(enrollment: Enrollment, reason: string, reinstatedBy: string): void {
    const s = this.state;
    if (s.status !== CohortStatus.IN_PROGRESS) {
      throw new ConflictError(
        `cohort ${s.id} is ${s.status}: an intern can be reinstated only while it is IN_PROGRESS`,
      );
    }
    if (enrollment.status !== EnrollmentStatus.WITHDRAWN) {
      throw new ConflictError(
        `the enrollment of intern ${enrollment.internId} is ${enrollment.status}: only a WITHDRAWN intern can be reinstated`,
      );
    }
    if (s.enrolledCount >= s.capacity) throw new ConflictError(`cohort is full (capacity ${s.capacity})`);
    enrollment.reinstate(reason, reinstatedBy);
    this.state = { ...s, enrolledCount: s.enrolledCount + 1 };
  }

  /** A withdrawn or terminated intern's place is free again. */
  releasePlace(): void {
    this.state = { ...this.state, enrolledCount: Math.max(0, this.state.enrolledCount - 1) };
  }

  calendar(): CohortCalendar {
    return cohortCalendar(this.state.startDate, this.state.weeks, this.state.timezone);
  }

  /**
   * Cancels the cohort: only a SCHEDULED cohort, and only before it starts (local midnight of its
   * start date in its timezone). Anything else is a ConflictError.
   */
  cancel(now: Date, cancelledBy: string, reason?: string | null): void {
    const cancellationReason = validateCancellationReason(reason);
    if (this.state.status === CohortStatus.CANCELLED) {
      throw new ConflictError(`cohort ${this.state.id} is already cancelled`);
    }
    if (this.state.status !== CohortStatus.SCHEDULED) {
      throw new ConflictError(
        `cohort ${this.state.id} is ${this.state.status}: only a scheduled cohort can be cancelled`,
      );
    }
    if (now.getTime() >= this.state.startsAt.getTime()) {
      throw new ConflictError(
        `cohort ${this.state.id} started on ${this.state.startDate} (${this.state.timezone}): a cohort can be cancelled only before it starts`,
      );
    }
    this.state = {
      ...this.state,
      status: CohortStatus.CANCELLED,
      cancelledAt: now,
      cancelledBy,
      cancellationReason,
    };
    this.record({
      name: 'CohortCancelled',
      cohortId: this.state.id,
      reason: this.state.cancellationReason,
      cancelledBy,
      cancelledAt: now,
    });
  }

  /**
   * Enrolls an intern: the details must be valid (ValidationError naming each field); the cohort
   * must be neither cancelled nor completed, must not already hold the intern, and must have a
   * place left (ConflictError otherwise).
   */
  enroll(enrollmentId: string, props: EnrollInternProps, now: Date): Enrollment {
    const details = validateInternDetails(props);
    if (this.state.status === CohortStatus.CANCELLED || this.state.status === CohortStatus.COMPLETED) {
      throw new ConflictError(`cohort ${this.state.id} is ${this.state.status}: it takes no more enrollments`);
    }
    if (this.internIds.has(details.internId)) {
      throw new ConflictError(`intern ${details.internId} is already enrolled in cohort ${this.state.id}`);
    }
    if (this.state.enrolledCount >= this.state.capacity) {
      throw new ConflictError(`cohort is full (capacity ${this.state.capacity})`);
    }
    // Once the cohort has started, a new intern goes straight into onboarding.
    const status =
      this.state.status === CohortStatus.IN_PROGRESS ? EnrollmentStatus.ONBOARDING : EnrollmentStatus.ENROLLED;
    const enrollment = Enrollment.create(enrollmentId, this.state.id, details, now, status);
    this.internIds.add(details.internId);
    this.state = { ...this.state, enrolledCount: this.state.enrolledCount + 1 };
    this.record({ name: 'InternEnrolled', enrollment: enrollment.toSnapshot() });
    return enrollment;
  }

  isEnrolled(internId: string): boolean {
    return this.internIds.has(internId);
  }

  toSnapshot(): CohortSnapshot {
    return { ...this.state };
  }
}
