import {
  AggregateRoot,
  ConflictError,
  isValidTimeZone,
  Violations,
  type DomainEvent,
  isEmailAddress,
  trimmed as text,
} from '#ddd';
import { erasedValue } from '#contracts';
import { validWorkingHours, type WorkingHours } from '../../matching/domain/working-hours.js';

/** How many interns a mentor takes at most, unless the PM says otherwise. */
export const DEFAULT_MENTOR_CAPACITY = 2;
export const MIN_MENTOR_CAPACITY = 1;
export const MAX_MENTOR_CAPACITY = 10;
export const MIN_EXPERTISE = 1;
export const MAX_EXPERTISE = 20;
export const MAX_COHORT_IDS = 50;

const MAX_ID = 255;
const MAX_NAME = 200;
const MAX_EMAIL = 254;
const MAX_TEAM = 100;
const MAX_TAG = 100;

/**
 * The email rule the event contracts apply (zod's practical email pattern), so that every mentor
 * this aggregate accepts also passes `MentorRegisteredV1`'s schema.
 */

/** Who a mentor is. */
interface MentorProfile {
  /** The mentor's user id: the `sub` of their JWT. */
  mentorId: string;
  name: string;
  email: string;
  team: string;
  expertise: string[];
  timezone: string;
}

/** What a program manager gives when registering a mentor (raw: validated by `Mentor.register`). */
export interface RegisterMentorProps extends MentorProfile {
  /** Interns the mentor takes at most; default 2. */
  capacity?: number | null;
  /** Cohorts the mentor is available for; omitted means every cohort. */
  cohortIds?: string[] | null;
  /** Omitted or null: 09:00–17:00 local assumed. */
  workingHours?: { start: string; end: string } | null;
}

export interface MentorState extends MentorProfile {
  capacity: number;
  /**
   * Weekday working hours in the mentor's own time zone; null: 09:00–17:00 assumed. Kept in this
   * service for matching (MentorRegistered/MentorProfileUpdated v1 do not carry them).
   */
  workingHours: WorkingHours | null;
  /** null: available for every cohort. */
  cohortIds: string[] | null;
  registeredAt: Date;
  /** When the mentor's personal data was erased (`eraseMentor`); null while it is kept. */
  erasedAt: Date | null;
}

export interface MentorRegistered extends DomainEvent {
  readonly name: 'MentorRegistered';
  readonly mentor: Readonly<MentorState>;
}

/** The profile fields a program manager (or the mentor) may change after registration. */
export const UPDATABLE_MENTOR_FIELDS = [
  'name',
  'email',
  'team',
  'expertise',
  'timezone',
  'capacity',
  'cohortIds',
] as const;
/** The fields MentorProfileUpdated v1 names (working hours stay in this service). */
export type PublishedMentorField = (typeof UPDATABLE_MENTOR_FIELDS)[number];
export type UpdatableMentorField = PublishedMentorField | 'workingHours';

/**
 * Changes to a mentor's profile: a field left out (undefined) stays as it is. `cohortIds: null`
 * makes the mentor available for every cohort again; a list limits them to those cohorts.
 */
export interface UpdateMentorProps {
  name?: string | null;
  email?: string | null;
  team?: string | null;
  expertise?: string[] | null;
  timezone?: string | null;
  capacity?: number | null;
  cohortIds?: string[] | null;
  /** `{start, end}` ("HH:MM", start before end); null: back to 09:00–17:00. */
  workingHours?: { start: string; end: string } | null;
}

export interface MentorProfileUpdated extends DomainEvent {
  readonly name: 'MentorProfileUpdated';
  readonly mentor: Readonly<MentorState>;
  readonly changedFields: PublishedMentorField[];
}

/** Why a person's personal data was erased: on request, or by the retention policy's clock. */
export const ERASURE_TRIGGERS = ['REQUEST', 'RETENTION_POLICY'] as const;
export type ErasureTrigger = (typeof ERASURE_TRIGGERS)[number];

/** The record of an erasure: who, when, why, and nothing of the erased data. */
export interface MentorErasure {
  mentorId: string;
  erasedAt: Date;
  erasedBy: string;
  reason: string;
  trigger: ErasureTrigger;
}

export interface MentorErased extends DomainEvent {
  readonly name: 'MentorErased';
  readonly erasure: Readonly<MentorErasure>;
}

export type MentorEvent = MentorRegistered | MentorProfileUpdated | MentorErased;

/** The longest reason an erasure may give. */
export const MAX_ERASURE_REASON = 500;

/** What `eraseMentor` asks (raw: validated by `validateErasure`). */
export interface EraseMentorProps {
  mentorId: unknown;
  reason: unknown;
}

/** An erasure request checked on its own: mentor id and reason trimmed, each named when refused. */
export function validateErasure(props: EraseMentorProps): { mentorId: string; reason: string } {
  const v = new Violations();
  const mentorId = text(props.mentorId);
  v.check(mentorId.length > 0, 'mentorId', 'must not be empty');
  v.check(mentorId.length <= MAX_ID, 'mentorId', `must be at most ${MAX_ID} characters`);
  const reason = requiredText(props.reason, 'reason', MAX_ERASURE_REASON, v);
  v.throwIfAny();
  return { mentorId, reason };
}

/** The mentor's personal data is already erased: there is nothing left to erase or change. */
export class MentorErasedError extends ConflictError {
  constructor(mentorId: string, what: string) {
    super(`mentor ${mentorId}'s personal data was erased: ${what}`);
  }
}

/** A mentor id that is already registered: the PM meant another person or registered twice. */
export class MentorAlreadyRegisteredError extends ConflictError {
  constructor(mentorId: string) {
    super(`mentor ${mentorId} is already registered`);
  }
}

/** The capacity would drop below the interns the mentor already has. */
export class CapacityBelowLoadError extends ConflictError {
  constructor(mentorId: string, capacity: number, activeMentees: number) {
    super(
      `mentor ${mentorId} mentors ${activeMentees} interns now: the capacity cannot go below that (asked for ${capacity}); unassign someone first`,
    );
  }
}

/** Trims each entry, reports empty or too long ones under `field[i]`, and drops repeats (case-insensitively). */
function tags(value: unknown, field: string, violations: Violations, max: number): string[] {
  if (!Array.isArray(value)) {
    violations.add(field, 'must be a list');
    return [];
  }
  const seen = new Set<string>();
  const out: string[] = [];
  value.forEach((raw, i) => {
    const v = text(raw);
    if (!v) {
      violations.add(`${field}[${i}]`, 'must not be empty');
    } else if (v.length > max) {
      violations.add(`${field}[${i}]`, `must be at most ${max} characters`);
    } else if (!seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase());
      out.push(v);
    }
  });
  return out;
}

/** A required text field: trimmed, not empty, at most `max` characters. */
function requiredText(value: unknown, field: string, max: number, v: Violations): string {
  const s = text(value);
  v.check(s.length > 0, field, 'must not be empty');
  v.check(s.length <= max, field, `must be at most ${max} characters`);
  return s;
}

function validEmail(value: unknown, v: Violations): string {
  const email = text(value);
  if (!email) v.add('email', 'must not be empty');
  else if (email.length > MAX_EMAIL || !isEmailAddress(email)) v.add('email', 'must be a valid email address');
  return email;
}

function validExpertise(value: unknown, v: Violations): string[] {
  const expertise = tags(value, 'expertise', v, MAX_TAG);
  if (Array.isArray(value)) {
    v.check(
      value.length >= MIN_EXPERTISE && value.length <= MAX_EXPERTISE,
      'expertise',
      `must list ${MIN_EXPERTISE} to ${MAX_EXPERTISE} areas`,
    );
  }
  return expertise;
}

function validTimezone(value: unknown, v: Violations): string {
  const timezone = text(value);
  v.check(isValidTimeZone(timezone), 'timezone', 'must be an IANA time zone such as Europe/Berlin');
  return timezone;
}

function validCapacity(value: unknown, v: Violations): number {
  const capacity = value as number;
  v.check(
    Number.isInteger(capacity) && capacity >= MIN_MENTOR_CAPACITY && capacity <= MAX_MENTOR_CAPACITY,
    'capacity',
    `must be a whole number from ${MIN_MENTOR_CAPACITY} to ${MAX_MENTOR_CAPACITY}`,
  );
  return capacity;
}

/** null or undefined: every cohort; otherwise 1 to MAX_COHORT_IDS non-empty ids. */
function validCohortIds(value: unknown, v: Violations): string[] | null {
  if (value === undefined || value === null) return null;
  const cohortIds = tags(value, 'cohortIds', v, MAX_ID);
  if (Array.isArray(value)) {
    v.check(
      value.length >= 1 && value.length <= MAX_COHORT_IDS,
      'cohortIds',
      `must name 1 to ${MAX_COHORT_IDS} cohorts (leave it out to make the mentor available for every cohort)`,
    );
  }
  return cohortIds;
}

/** Profile changes that passed `validateMentorChanges`: only the fields given, trimmed, repeats dropped. */
export type ValidMentorChanges = Partial<Pick<MentorState, UpdatableMentorField>>;

/**
 * Checks profile changes on their own, without the stored mentor (fields left out are not
 * checked), and returns them cleaned. Every bad field is reported at once (ValidationError naming
 * each field). Handlers call it before opening a transaction; `Mentor.update` applies it again.
 */
export function validateMentorChanges(changes: UpdateMentorProps): ValidMentorChanges {
  const v = new Violations();
  const out: ValidMentorChanges = {};
  const given = <K extends keyof UpdateMentorProps>(k: K): boolean => changes[k] !== undefined;
  const notNull = (field: PublishedMentorField): boolean => {
    if (changes[field] === null) {
      v.add(field, 'must not be null (leave it out to keep it)');
      return false;
    }
    return true;
  };

  if (given('name') && notNull('name')) out.name = requiredText(changes.name, 'name', MAX_NAME, v);
  if (given('email') && notNull('email')) out.email = validEmail(changes.email, v);
  if (given('team') && notNull('team')) out.team = requiredText(changes.team, 'team', MAX_TEAM, v);
  if (given('expertise') && notNull('expertise')) out.expertise = validExpertise(changes.expertise, v);
  if (given('timezone') && notNull('timezone')) out.timezone = validTimezone(changes.timezone, v);
  if (given('capacity') && notNull('capacity')) out.capacity = validCapacity(changes.capacity, v);
  if (given('cohortIds')) out.cohortIds = validCohortIds(changes.cohortIds, v);
  if (given('workingHours')) out.workingHours = validWorkingHours(changes.workingHours, 'workingHours', v);
  v.throwIfAny();
  return out;
}

/**
 * A mentor's profile: who they are, what they know, where they work from, how many interns they
 * take at once and (optionally) which cohorts they are available for.
 */
export class Mentor extends AggregateRoot<MentorEvent> {
  private constructor(private readonly state: MentorState) {
    super();
  }

  /**
   * Validates a registration and returns the new mentor with `MentorRegistered` recorded. Every
   * bad field is reported at once (ValidationError naming each field).
   */
  static register(props: RegisterMentorProps, now: Date = new Date()): Mentor {
    const v = new Violations();

    const mentorId = text(props.mentorId);
    v.check(mentorId.length > 0, 'mentorId', 'must not be empty');
    v.check(mentorId.length <= MAX_ID, 'mentorId', `must be at most ${MAX_ID} characters`);

    const name = requiredText(props.name, 'name', MAX_NAME, v);
    const email = validEmail(props.email, v);
    const team = requiredText(props.team, 'team', MAX_TEAM, v);
    const expertise = validExpertise(props.expertise, v);
    const timezone = validTimezone(props.timezone, v);
    const capacity = validCapacity(props.capacity ?? DEFAULT_MENTOR_CAPACITY, v);
    const cohortIds = validCohortIds(props.cohortIds, v);
    const workingHours = validWorkingHours(props.workingHours, 'workingHours', v);

    v.throwIfAny();

    const mentor = new Mentor({
      mentorId,
      name,
      email,
      team,
      expertise,
      timezone,
      capacity,
      cohortIds,
      workingHours,
      registeredAt: now,
      erasedAt: null,
    });
    mentor.record({ name: 'MentorRegistered', mentor: mentor.snapshot() });
    return mentor;
  }

  /**
   * Applies profile changes (fields left out stay as they are), validating every given field at
   * once (`validateMentorChanges`), and records `MentorProfileUpdated` naming the fields that
   * really changed. Returns them (empty when the update changes nothing; then nothing is recorded).
   *
   * `activeMentees` is how many interns the mentor mentors now: the capacity cannot go below it.
   */
  update(changes: UpdateMentorProps, activeMentees: number): UpdatableMentorField[] {
    if (this.isErased) throw new MentorErasedError(this.id, 'the profile can no longer be changed');
    const next: MentorState = { ...this.snapshot(), ...validateMentorChanges(changes) };

    if (next.capacity < activeMentees) {
      throw new CapacityBelowLoadError(this.id, next.capacity, activeMentees);
    }

    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    const published = UPDATABLE_MENTOR_FIELDS.filter((f) => !same(this.state[f], next[f]));
    const changed: UpdatableMentorField[] = [...published];
    if (!same(this.state.workingHours, next.workingHours)) changed.push('workingHours');
    if (changed.length === 0) return [];
    Object.assign(this.state, next);
    // Working hours alone announce nothing: no other service keeps them.
    if (published.length > 0) {
      this.record({ name: 'MentorProfileUpdated', mentor: this.snapshot(), changedFields: published });
    }
    return changed;
  }

  /**
   * Erases the mentor's personal data: name and e-mail become the erased values every service
   * shows ("Erased mentor", an address that is never delivered), the rest of the profile (team,
   * expertise, capacity) and every assignment stay. Records `MentorErased`; an erased mentor
   * cannot be erased again (CONFLICT).
   */
  erase(request: { reason: string; erasedBy: string; trigger: ErasureTrigger }, at: Date): MentorErasure {
    if (this.isErased) throw new MentorErasedError(this.id, 'it was erased already');
    this.state.name = erasedValue('mentor', 'name', this.id);
    this.state.email = erasedValue('mentor', 'email', this.id);
    this.state.erasedAt = at;
    const erasure: MentorErasure = { mentorId: this.id, erasedAt: at, ...request };
    this.record({ name: 'MentorErased', erasure: { ...erasure } });
    return erasure;
  }

  get isErased(): boolean {
    return this.state.erasedAt !== null;
  }

  /** Rebuilds a mentor from stored state (already valid; records nothing). */
  static restore(state: MentorState): Mentor {
    return new Mentor({
      ...state,
      expertise: [...state.expertise],
      cohortIds: state.cohortIds ? [...state.cohortIds] : null,
      workingHours: state.workingHours ? { ...state.workingHours } : null,
    });
  }

  get id(): string {
    return this.state.mentorId;
  }

  get capacity(): number {
    return this.state.capacity;
  }

  /** Whether the mentor may be matched with interns of this cohort. */
  isAvailableFor(cohortId: string): boolean {
    return this.state.cohortIds === null || this.state.cohortIds.includes(cohortId);
  }

  snapshot(): MentorState {
    return {
      ...this.state,
      expertise: [...this.state.expertise],
      cohortIds: this.state.cohortIds ? [...this.state.cohortIds] : null,
      workingHours: this.state.workingHours ? { ...this.state.workingHours } : null,
    };
  }
}
