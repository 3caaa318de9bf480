import type { WeekWindow } from '#calendar';
import { AggregateRoot, ConflictError, ForbiddenError, ValidationError, Violations } from '#ddd';
import type { CohortDomainEvent } from '../../shared/domain/cohort-events.js';
import { CohortStatus, type CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { ONGOING_STATUSES, type EnrollmentStatus } from '../../enrollments/domain/enrollment.js';
import { addMinutes, overlaps, parseInstant } from '../../shared/domain/instants.js';
import { programTime } from '../../shared/domain/program-time.js';
import { reasonField } from '../../shared/domain/text-fields.js';

/** A slot as a program manager gives it. */
export interface PresentationSlotInput {
  /** ISO 8601 with an offset. */
  startsAt: string;
  durationMinutes: number;
  panelMentorIds: string[];
}

export interface PresentationSlotSnapshot {
  id: string;
  cohortId: string;
  startsAt: Date;
  durationMinutes: number;
  panelMentorIds: string[];
  /** The intern who booked the slot, if anyone did. */
  bookedBy: string | null;
  bookedAt: Date | null;
  openedBy: string;
  openedAt: Date;
  /** Set when a program manager closed the slot: it takes no booking any more. */
  closedAt: Date | null;
  closedBy: string | null;
  closeReason: string | null;
}

/** OPEN (free), BOOKED by an intern, or CLOSED by a program manager. */
export enum PresentationSlotStatus {
  OPEN = 'OPEN',
  BOOKED = 'BOOKED',
  CLOSED = 'CLOSED',
}

export function slotStatus(slot: Pick<PresentationSlotSnapshot, 'closedAt' | 'bookedBy'>): PresentationSlotStatus {
  if (slot.closedAt) return PresentationSlotStatus.CLOSED;
  return slot.bookedBy ? PresentationSlotStatus.BOOKED : PresentationSlotStatus.OPEN;
}

/** A presentations week: the cohort's last week, or the last week of an extended intern. */
export type PresentationWindow = WeekWindow;

export const MAX_SLOTS_PER_CALL = 50;
export const MIN_SLOT_MINUTES = 10;
export const MAX_SLOT_MINUTES = 240;
export const MAX_PANEL = 5;

export function slotEndsAt(slot: Pick<PresentationSlotSnapshot, 'startsAt' | 'durationMinutes'>): Date {
  return addMinutes(slot.startsAt, slot.durationMinutes);
}

function inside(window: PresentationWindow, start: Date, end: Date): boolean {
  return start >= window.startsAt && end <= window.endsAt;
}

function describeWindows(windows: readonly PresentationWindow[], timezone: string): string {
  return windows.map((w) => `${w.startsOn} to ${w.endsOn}`).join(' or ') + ` (${timezone})`;
}

/** A slot as given, checked and normalized (startsAt parsed, panel trimmed). */
export interface ValidSlotInput {
  startsAt: Date;
  durationMinutes: number;
  panelMentorIds: string[];
}

/** The list of slots: 1–50 (field `slots`, thrown at once). */
function slotList(inputs: unknown): PresentationSlotInput[] {
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > MAX_SLOTS_PER_CALL) {
    throw ValidationError.field('slots', `must list 1 to ${MAX_SLOTS_PER_CALL} slots`);
  }
  return inputs as PresentationSlotInput[];
}

/**
 * The checks of one slot `slots[i]` on its own, each violation added to `v`: `startsAt` (an
 * instant with an offset), `durationMinutes` (10–240), `panelMentorIds` (1–5) and
 * `panelMentorIds[j]` (given, once; with `registered`, a registered mentor). Returns the slot,
 * or null when `startsAt` or `durationMinutes` is not valid.
 */
function checkSlotInput(
  v: Violations,
  input: PresentationSlotInput,
  i: number,
  registered: ReadonlySet<string> | null,
): ValidSlotInput | null {
  const field = `slots[${i}]`;
  const startsAt = parseInstant(input?.startsAt);
  if (!startsAt)
    v.add(`${field}.startsAt`, 'must be an ISO 8601 date-time with an offset, e.g. 2027-08-24T14:00:00+02:00');
  const duration = input?.durationMinutes;
  const validDuration = Number.isInteger(duration) && duration >= MIN_SLOT_MINUTES && duration <= MAX_SLOT_MINUTES;
  if (!validDuration) {
    v.add(
      `${field}.durationMinutes`,
      `must be a whole number of minutes from ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES}`,
    );
  }
  const panel: string[] = [];
  const rawPanel = input?.panelMentorIds;
  if (!Array.isArray(rawPanel) || rawPanel.length === 0 || rawPanel.length > MAX_PANEL) {
    v.add(`${field}.panelMentorIds`, `must list 1 to ${MAX_PANEL} mentors`);
  } else {
    rawPanel.forEach((raw, j) => {
      const id = typeof raw === 'string' ? raw.trim() : '';
      if (!id) v.add(`${field}.panelMentorIds[${j}]`, 'is required');
      else if (panel.includes(id)) v.add(`${field}.panelMentorIds[${j}]`, 'appears twice on the panel');
      else if (registered && !registered.has(id))
        v.add(`${field}.panelMentorIds[${j}]`, `${id} is not a registered mentor`);
      else panel.push(id);
    });
  }
  return startsAt && validDuration ? { startsAt, durationMinutes: duration, panelMentorIds: panel } : null;
}

/**
 * Validates slots as given, every violation reported together by field (see checkSlotInput):
 * what needs no stored state. PresentationSlot.open checks them again, with the rules that need
 * the cohort: registered mentors, its presentations weeks, its clock and the slots it has.
 */
export function validatePresentationSlotsInput(inputs: unknown): ValidSlotInput[] {
  const v = new Violations();
  const slots = slotList(inputs).map((input, i) => checkSlotInput(v, input, i, null));
  v.throwIfAny();
  return slots as ValidSlotInput[];
}

/**
 * A final-presentation slot with its panel of mentors: one intern per slot, booked by the intern
 * before it starts, cancellable (and so rebookable) until it starts.
 */
export class PresentationSlot extends AggregateRoot<CohortDomainEvent> {
  private constructor(private state: PresentationSlotSnapshot) {
    super();
  }

  /**
   * Opens slots in a cohort. Every slot is checked and every violation reported together, by
   * field: `slots` (1–50), `slots[i].startsAt` (an instant with an offset, ahead of the cohort's
   * program time, the whole slot inside a presentations week: the cohort's last week or an
   * extended intern's, and no panel mentor on two overlapping slots), `slots[i].durationMinutes`
   * (10–240), `slots[i].panelMentorIds` (1–5 distinct) and `slots[i].panelMentorIds[j]` (a
   * registered mentor). A cancelled cohort takes no slots (ConflictError).
   */
  static open(
    inputs: unknown,
    ctx: {
      newId: () => string;
      cohort: CohortSnapshot;
      windows: readonly PresentationWindow[];
      registeredMentorIds: ReadonlySet<string>;
      existing: readonly PresentationSlotSnapshot[];
      now: Date;
      openedBy: string;
    },
  ): PresentationSlot[] {
    const list = slotList(inputs);
    const { cohort } = ctx;
    const programNow = programTime(cohort, ctx.now);
    const v = new Violations();
    const accepted: { startsAt: Date; end: Date; panel: string[]; index: number }[] = [];
    const slots: PresentationSlotSnapshot[] = [];
    list.forEach((input, i) => {
      const field = `slots[${i}]`;
      const checked = checkSlotInput(v, input, i, ctx.registeredMentorIds);
      if (!checked) return;
      const { startsAt, durationMinutes: duration, panelMentorIds: panel } = checked;
      const end = addMinutes(startsAt, duration);
      if (!ctx.windows.some((w) => inside(w, startsAt, end))) {
        v.add(
          `${field}.startsAt`,
          `the slot must fall within a presentations week: ${describeWindows(ctx.windows, cohort.timezone)}`,
        );
        return;
      }
      if (startsAt <= programNow) {
        v.add(`${field}.startsAt`, `must be in the future (the cohort's clock is at ${programNow.toISOString()})`);
        return;
      }
      const clash =
        ctx.existing.find(
          (s) => overlaps(startsAt, end, s.startsAt, slotEndsAt(s)) && s.panelMentorIds.some((m) => panel.includes(m)),
        ) ?? accepted.find((s) => overlaps(startsAt, end, s.startsAt, s.end) && s.panel.some((m) => panel.includes(m)));
      if (clash) {
        const shared = ('panelMentorIds' in clash ? clash.panelMentorIds : clash.panel).find((m) => panel.includes(m));
        const which = 'index' in clash ? `slots[${clash.index}]` : `the slot at ${clash.startsAt.toISOString()}`;
        v.add(`${field}.startsAt`, `overlaps ${which}: panel mentor ${shared} cannot sit on both`);
        return;
      }
      accepted.push({ startsAt, end, panel, index: i });
      slots.push({
        id: ctx.newId(),
        cohortId: cohort.id,
        startsAt,
        durationMinutes: duration,
        panelMentorIds: panel,
        bookedBy: null,
        bookedAt: null,
        openedBy: ctx.openedBy,
        openedAt: ctx.now,
        closedAt: null,
        closedBy: null,
        closeReason: null,
      });
    });
    v.throwIfAny();
    if (cohort.status === CohortStatus.CANCELLED) {
      throw new ConflictError(`cohort ${cohort.id} is CANCELLED: it takes no presentation slots`);
    }
    return slots.map((s) => {
      const slot = new PresentationSlot(s);
      slot.record({ name: 'PresentationSlotOpened', slot: slot.toSnapshot() });
      return slot;
    });
  }

  static rehydrate(snapshot: PresentationSlotSnapshot): PresentationSlot {
    return new PresentationSlot({ ...snapshot, panelMentorIds: [...snapshot.panelMentorIds] });
  }

  get id(): string {
    return this.state.id;
  }
  get bookedBy(): string | null {
    return this.state.bookedBy;
  }

  /**
   * The slot booking rules. An intern books only while their enrollment is ongoing and their
   * cohort not cancelled, only an open slot (not closed by a program manager), only before
   * the slot starts, only a free slot, only inside their own presentations week (later when they
   * were extended), and holds one booking at a time (cancel it to rebook): each a ConflictError.
   * Booking one's own slot again changes nothing and returns false.
   */
  book(
    internId: string,
    ctx: {
      enrollmentStatus: EnrollmentStatus;
      /** The cohort's status: a CANCELLED cohort takes no bookings. */
      cohortStatus?: CohortStatus;
      presentationsWeek: PresentationWindow;
      timezone: string;
      currentBooking: Pick<PresentationSlotSnapshot, 'id' | 'startsAt'> | null;
      programNow: Date;
      now: Date;
    },
  ): boolean {
    const s = this.state;
    if (ctx.cohortStatus === CohortStatus.CANCELLED) {
      throw new ConflictError(`cohort ${s.cohortId} was cancelled: its slots can no longer be booked`);
    }
    if (!ONGOING_STATUSES.includes(ctx.enrollmentStatus)) {
      throw new ConflictError(`your enrollment is ${ctx.enrollmentStatus}: you cannot book a presentation slot`);
    }
    if (s.bookedBy === internId) return false;
    if (s.closedAt) throw new ConflictError('the slot was closed: it can no longer be booked');
    if (ctx.programNow >= s.startsAt) {
      throw new ConflictError(`the slot started at ${s.startsAt.toISOString()}: it can no longer be booked`);
    }
    if (s.bookedBy !== null) throw new ConflictError('the slot is already booked by another intern');
    if (ctx.currentBooking) {
      throw new ConflictError(
        `you already booked the slot at ${ctx.currentBooking.startsAt.toISOString()} (${ctx.currentBooking.id}): one booking per intern, cancel it to rebook`,
      );
    }
    if (!inside(ctx.presentationsWeek, s.startsAt, slotEndsAt(s))) {
      throw new ConflictError(
        `the slot is outside your presentations week (${describeWindows([ctx.presentationsWeek], ctx.timezone)})`,
      );
    }
    this.state = { ...s, bookedBy: internId, bookedAt: ctx.now };
    this.record({ name: 'PresentationSlotBooked', slot: this.toSnapshot(), internId });
    return true;
  }

  /**
   * Cancels the booking before the slot starts: the intern who booked it, or a program manager
   * (`byInternId` null). Another intern's booking is FORBIDDEN; a free or started slot is a
   * ConflictError. Returns the intern whose booking was cancelled.
   */
  cancelBooking(byInternId: string | null, programNow: Date): string {
    const s = this.state;
    if (s.bookedBy === null) throw new ConflictError('the slot is not booked');
    if (byInternId !== null && s.bookedBy !== byInternId) {
      throw new ForbiddenError('you can cancel only your own booking');
    }
    if (programNow >= s.startsAt) {
      throw new ConflictError(
        `the slot started at ${s.startsAt.toISOString()}: its booking can no longer be cancelled`,
      );
    }
    return this.release();
  }

  /** Frees the slot whatever the time (the intern left the program or their week moved). */
  release(): string {
    const internId = this.state.bookedBy;
    if (internId === null) throw new ConflictError('the slot is not booked');
    this.state = { ...this.state, bookedBy: null, bookedAt: null };
    this.record({
      name: 'PresentationBookingCancelled',
      slotId: this.state.id,
      cohortId: this.state.cohortId,
      internId,
    });
    return internId;
  }

  /**
   * Closes the slot (a program manager) with a `reason` (required, up to 1000 characters): it
   * takes no booking any more. A booked intern's booking is released first
   * (`PresentationBookingCancelled`, so they may book another slot), then `PresentationSlotClosed`
   * names them. A slot already closed, or already started at the program time, is a ConflictError.
   * Returns the intern whose booking was released, if any.
   */
  close(reason: unknown, ctx: { programNow: Date; now: Date; closedBy: string }): string | null {
    const text = reasonField(reason, true);
    const s = this.state;
    if (s.closedAt) throw new ConflictError('the slot is already closed');
    if (ctx.programNow >= s.startsAt) {
      throw new ConflictError(`the slot started at ${s.startsAt.toISOString()}: it can no longer be closed`);
    }
    const bookedInternId = s.bookedBy !== null ? this.release() : null;
    this.state = { ...this.state, closedAt: ctx.now, closedBy: ctx.closedBy, closeReason: text };
    this.record({
      name: 'PresentationSlotClosed',
      slot: this.toSnapshot(),
      reason: text,
      bookedInternId,
      closedBy: ctx.closedBy,
    });
    return bookedInternId;
  }

  toSnapshot(): PresentationSlotSnapshot {
    return { ...this.state, panelMentorIds: [...this.state.panelMentorIds] };
  }
}
