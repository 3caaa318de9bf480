import {
  AggregateRoot,
  ConflictError,
  email as emailAddress,
  enumOf,
  NotFoundError,
  timeZone,
  ValidationError,
  Violations,
} from '#ddd';
import type { CohortDomainEvent } from '../../shared/domain/cohort-events.js';
import type { CohortSnapshot } from '../../cohorts/domain/cohort.js';
import { programTime } from '../../shared/domain/program-time.js';
import { extensionInsertionPoint, internCalendar, weekAt, type ExtensionGrant, type InternCalendar } from '#calendar';
import { validateExtensionWeeks, validateExtensionWeeksInput } from './extension-weeks.js';
import type { OnboardingTask } from '../../onboarding/domain/onboarding.js';
import { reasonField, requiredText } from '../../shared/domain/text-fields.js';

export enum DegreeLevel {
  UNDERGRADUATE = 'UNDERGRADUATE',
  MASTERS = 'MASTERS',
  PHD = 'PHD',
}

export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  ONBOARDING = 'ONBOARDING',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
  TERMINATED = 'TERMINATED',
}

export const MAX_FOCUS_AREAS = 20;
const MAX_ID = 200;
/** The same rule as the InternEnrolled contract's `z.string().email()`, so that what the domain accepts the contract accepts. */

/** What a program manager gives to enroll an intern. */
export interface EnrollInternProps {
  internId: string;
  name: string;
  email: string;
  university: string;
  degreeLevel: DegreeLevel | string;
  focusAreas?: string[] | null;
  timezone: string;
}

/** The same input, validated and normalized (trimmed, focus areas de-duplicated). */
export interface InternDetails {
  internId: string;
  name: string;
  email: string;
  university: string;
  degreeLevel: DegreeLevel;
  focusAreas: string[];
  timezone: string;
}

/** The intern's details alone, from an enrollment (what InternEnrolled carries and Intern shows). */
export function internDetailsOf({
  internId,
  name,
  email,
  university,
  degreeLevel,
  focusAreas,
  timezone,
}: InternDetails): InternDetails {
  return { internId, name, email, university, degreeLevel, focusAreas, timezone };
}

/** The statuses in which an intern is still in the program. */
export const ONGOING_STATUSES: readonly EnrollmentStatus[] = [
  EnrollmentStatus.ENROLLED,
  EnrollmentStatus.ONBOARDING,
  EnrollmentStatus.ACTIVE,
];

export type FinalOutcome = 'PASS' | 'FAIL';
/** The final evaluation's return-offer recommendation. */
export type OfferRecommendation = 'STRONG_YES' | 'YES' | 'NO';

/** What became of the return offer (`recordOfferDecision`): EXTENDED, then ACCEPTED or DECLINED. */
export enum OfferStatus {
  EXTENDED = 'EXTENDED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}

/** The return offer of an enrollment: the recommendation, then the decisions a program manager records. */
export interface ReturnOffer {
  recommendation: OfferRecommendation | null;
  status: OfferStatus | null;
  decidedAt: Date | null;
}
export type ExtensionSource = 'PROGRAM_MANAGER' | 'MIDPOINT_DECISION';

export interface EnrollmentSnapshot extends InternDetails {
  id: string;
  cohortId: string;
  status: EnrollmentStatus;
  enrolledAt: Date;
  /** Weeks the intern's own program was extended by, in total (0–5). */
  extensionWeeks: number;
  /** When the last onboarding task was completed (the enrollment became ACTIVE). */
  onboardingCompletedAt: Date | null;
  /** When the enrollment ended (COMPLETED, WITHDRAWN or TERMINATED). */
  endedAt: Date | null;
  /** Why it was withdrawn or terminated. */
  endReason: string | null;
  /** The final outcome, once COMPLETED. */
  outcome: FinalOutcome | null;
  /** The final evaluation's return-offer recommendation (the latest revision applied), null when none. */
  offerRecommendation: OfferRecommendation | null;
  /** The return offer's status, null until a program manager records a decision. */
  offerStatus: OfferStatus | null;
  /** When the last offer decision was recorded. */
  offerDecidedAt: Date | null;
}

/** The enrollment's return offer as `Enrollment.returnOffer` shows it. */
export function returnOfferOf(
  s: Pick<EnrollmentSnapshot, 'offerRecommendation' | 'offerStatus' | 'offerDecidedAt'>,
): ReturnOffer {
  return { recommendation: s.offerRecommendation, status: s.offerStatus, decidedAt: s.offerDecidedAt };
}

/** An extension as stored: the grant plus who gave it and why. */
export interface ExtensionRecord extends ExtensionGrant {
  id: string;
  enrollmentId: string;
  reason: string;
  source: ExtensionSource;
  /** The evaluation a MIDPOINT_DECISION extension came from: applied once. */
  sourceRef: string | null;
  grantedBy: string;
  grantedAt: Date;
}

/** The reason a program manager gives to withdraw an intern or extend an internship: required, trimmed, at most 1000 characters (field `reason`). */
export function validateReason(value: unknown): string {
  return reasonField(value, true);
}

/** Runs one check, adding its ValidationError's violations to `v` (and returning `fallback`) instead of throwing. */
function collect<T>(v: Violations, check: () => T, fallback: T): T {
  try {
    return check();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    for (const violation of err.violations) v.add(violation.field, violation.message);
    return fallback;
  }
}

/**
 * What a program manager gives to extend an internship, checked without stored state: `weeks`
 * 1–5 and `reason` required, reported together. The total of 5 weeks is Enrollment.extend's.
 */
export function validateExtensionInput(input: { weeks: unknown; reason: unknown }): { weeks: number; reason: string } {
  const v = new Violations();
  const weeks = collect(v, () => validateExtensionWeeksInput(input.weeks), 0);
  const reason = collect(v, () => validateReason(input.reason), '');
  v.throwIfAny();
  return { weeks, reason };
}

/**
 * Validates an intern's enrollment details, collecting every violation (`internId`, `name`,
 * `email`, `university`, `degreeLevel`, `focusAreas[i]`, `timezone`) into one ValidationError.
 */
export function validateInternDetails(props: EnrollInternProps): InternDetails {
  const v = new Violations();
  const internId = requiredText(v, 'internId', props.internId, MAX_ID);
  const name = requiredText(v, 'name', props.name);
  const email = emailAddress('email', props.email, v);
  const university = requiredText(v, 'university', props.university);
  const degreeLevel = enumOf('degreeLevel', props.degreeLevel, DegreeLevel, v)!;
  const focusAreas: string[] = [];
  const raw = props.focusAreas ?? [];
  if (!Array.isArray(raw)) {
    v.add('focusAreas', 'must be a list of strings');
  } else {
    raw.forEach((area, i) => {
      const s = requiredText(v, `focusAreas[${i}]`, area, 100);
      if (s && s.length <= 100 && !focusAreas.includes(s)) focusAreas.push(s);
    });
    v.check(focusAreas.length <= MAX_FOCUS_AREAS, 'focusAreas', `at most ${MAX_FOCUS_AREAS} focus areas`);
  }
  const timezone = timeZone('timezone', props.timezone, v);
  v.throwIfAny();
  return { internId, name, email, university, degreeLevel, focusAreas, timezone };
}

/**
 * One intern's place in one cohort, from enrollment to its end: onboarding, extensions,
 * withdrawal, termination and completion. Created only by `Cohort.enroll`.
 */
export class Enrollment extends AggregateRoot<CohortDomainEvent> {
  private constructor(private state: EnrollmentSnapshot) {
    super();
  }

  static create(
    id: string,
    cohortId: string,
    details: InternDetails,
    enrolledAt: Date,
    status: EnrollmentStatus = EnrollmentStatus.ENROLLED,
  ): Enrollment {
    return new Enrollment({
      id,
      cohortId,
      ...details,
      focusAreas: [...details.focusAreas],
      status,
      enrolledAt,
      extensionWeeks: 0,
      onboardingCompletedAt: null,
      endedAt: null,
      endReason: null,
      outcome: null,
      offerRecommendation: null,
      offerStatus: null,
      offerDecidedAt: null,
    });
  }

  static rehydrate(snapshot: EnrollmentSnapshot): Enrollment {
    return new Enrollment({ ...snapshot, focusAreas: [...snapshot.focusAreas] });
  }

  get id(): string {
    return this.state.id;
  }
  get cohortId(): string {
    return this.state.cohortId;
  }
  get internId(): string {
    return this.state.internId;
  }
  get status(): EnrollmentStatus {
    return this.state.status;
  }
  get extensionWeeks(): number {
    return this.state.extensionWeeks;
  }
  get ongoing(): boolean {
    return ONGOING_STATUSES.includes(this.state.status);
  }

  private ref() {
    return { enrollmentId: this.state.id, cohortId: this.state.cohortId, internId: this.state.internId };
  }

  private assertOngoing(action: string): void {
    if (!this.ongoing) {
      throw new ConflictError(
        `the enrollment of intern ${this.state.internId} is ${this.state.status}: cannot ${action}`,
      );
    }
  }

  /**
   * The intern completes one task of their cohort's checklist (`tasks`, of which `completed`
   * are done). Completing a done task again changes nothing and returns false. Only while
   * ONBOARDING: before the cohort starts onboarding is not open yet (ConflictError). The last
   * task makes the enrollment ACTIVE and records OnboardingCompleted.
   */
  completeOnboardingTask(
    taskId: string,
    tasks: readonly OnboardingTask[],
    completed: ReadonlySet<string>,
    now: Date,
  ): boolean {
    const task = tasks.find((t) => t.id === taskId);
    if (!task) throw new NotFoundError('OnboardingTask', taskId);
    if (completed.has(taskId)) return false;
    if (this.state.status === EnrollmentStatus.ENROLLED) {
      throw new ConflictError('onboarding opens when the cohort starts: tasks can be completed from its first day');
    }
    if (this.state.status !== EnrollmentStatus.ONBOARDING) this.assertOngoing('complete an onboarding task');
    this.record({ name: 'OnboardingTaskCompleted', ...this.ref(), taskId, title: task.title, completedAt: now });
    const done = tasks.every((t) => t.id === taskId || completed.has(t.id));
    if (done && this.state.status === EnrollmentStatus.ONBOARDING) {
      this.state = { ...this.state, status: EnrollmentStatus.ACTIVE, onboardingCompletedAt: now };
      this.record({ name: 'OnboardingCompleted', ...this.ref(), completedAt: now });
    }
    return true;
  }

  /** A program manager withdraws the intern (only while the enrollment is ongoing). */
  withdraw(reason: unknown, withdrawnBy: string, now: Date): void {
    const text = validateReason(reason);
    this.assertOngoing('withdraw the intern');
    this.state = { ...this.state, status: EnrollmentStatus.WITHDRAWN, endedAt: now, endReason: text };
    this.record({ name: 'InternWithdrawn', ...this.ref(), reason: text, withdrawnBy });
  }

  /**
   * A withdrawn intern is ACTIVE again (called by `Cohort.reinstate`, which checks the cohort):
   * their extensions and calendar are as before, the end is forgotten; records InternReinstated.
   */
  reinstate(reason: string, reinstatedBy: string): void {
    if (this.state.status !== EnrollmentStatus.WITHDRAWN) {
      throw new ConflictError(
        `the enrollment of intern ${this.state.internId} is ${this.state.status}: only a WITHDRAWN intern can be reinstated`,
      );
    }
    this.state = { ...this.state, status: EnrollmentStatus.ACTIVE, endedAt: null, endReason: null };
    this.record({ name: 'InternReinstated', ...this.ref(), reason, reinstatedBy });
  }

  /** Ends the enrollment early (a midpoint TERMINATE decision). */
  terminate(reason: string, now: Date): void {
    this.assertOngoing('terminate the internship');
    this.state = { ...this.state, status: EnrollmentStatus.TERMINATED, endedAt: now, endReason: reason };
    this.record({ name: 'InternTerminated', ...this.ref(), reason });
  }

  /** Completes the enrollment with its final outcome (and the return-offer recommendation, when given). */
  complete(outcome: FinalOutcome, now: Date, recommendation: OfferRecommendation | null = null): void {
    this.assertOngoing('complete the internship');
    this.state = {
      ...this.state,
      status: EnrollmentStatus.COMPLETED,
      endedAt: now,
      outcome,
      offerRecommendation: recommendation ?? this.state.offerRecommendation,
    };
    this.record({ name: 'InternCompleted', ...this.ref(), outcome });
  }

  /**
   * Keeps the return-offer recommendation of the latest final outcome applied (a corrected
   * final evaluation replaces it). Records no event; returns whether it changed.
   */
  recommendOffer(recommendation: OfferRecommendation): boolean {
    if (this.state.offerRecommendation === recommendation) return false;
    this.state = { ...this.state, offerRecommendation: recommendation };
    return true;
  }

  /**
   * A program manager records what became of the return offer (SPEC §7 `recordOfferDecision`).
   * Only a COMPLETED enrollment with outcome PASS may be offered; the offer is EXTENDED first,
   * then ACCEPTED or DECLINED, which is final (CONFLICT for any other order). The status it
   * already has changes nothing and returns false (no event); otherwise `decidedAt` is `now` and
   * ReturnOfferDecided is recorded.
   */
  decideOffer(status: OfferStatus, decidedBy: string, now: Date): boolean {
    const s = this.state;
    if (s.status !== EnrollmentStatus.COMPLETED || s.outcome !== 'PASS') {
      const what = s.status === EnrollmentStatus.COMPLETED ? `COMPLETED with outcome ${s.outcome}` : s.status;
      throw new ConflictError(
        `the enrollment of intern ${s.internId} is ${what}: only an intern who completed with PASS can be offered`,
      );
    }
    if (s.offerStatus === status) return false;
    const allowed = s.offerStatus === null ? status === OfferStatus.EXTENDED : s.offerStatus === OfferStatus.EXTENDED;
    if (!allowed) {
      throw new ConflictError(
        s.offerStatus === null
          ? `no return offer was extended to intern ${s.internId}: record EXTENDED first`
          : `the return offer of intern ${s.internId} is already ${s.offerStatus}: it cannot become ${status}`,
      );
    }
    this.state = { ...s, offerStatus: status, offerDecidedAt: now };
    this.record({
      name: 'ReturnOfferDecided',
      ...this.ref(),
      status,
      recommendation: s.offerRecommendation,
      decidedAt: now,
      decidedBy,
    });
    return true;
  }

  /**
   * Extends the intern's own program by `weeks` (1–5 in total, field `weeks`; `reason` required).
   * The weeks go right after the week the intern's program is in at the cohort's program time
   * (see extensionInsertionPoint): every later due date moves by `weeks`, the cohort's do not.
   * Refused once the intern's program has ended or the enrollment is over (ConflictError).
   * Returns the grant to store and the intern's new calendar.
   */
  extend(
    input: { weeks: unknown; reason: unknown; source: ExtensionSource },
    ctx: { cohort: CohortSnapshot; grants: readonly ExtensionGrant[]; now: Date },
  ): { grant: ExtensionGrant; calendar: InternCalendar } {
    const v = new Violations();
    const weeks = collect(v, () => validateExtensionWeeks(input.weeks, this.state.extensionWeeks), 0);
    const reason = collect(v, () => validateReason(input.reason), '');
    v.throwIfAny();
    this.assertOngoing('extend the internship');
    const { cohort, grants } = ctx;
    if (cohort.status === 'CANCELLED')
      throw new ConflictError(`cohort ${cohort.id} is CANCELLED: cannot extend the internship`);
    const before = internCalendar(cohort.startDate, cohort.weeks, cohort.timezone, grants);
    const at = programTime(cohort, ctx.now);
    const end = before.weeks[before.weeks.length - 1]!.endsAt;
    if (at.getTime() >= end.getTime()) {
      throw new ConflictError(
        `the internship of ${this.state.internId} ended on ${before.keyDates.programEnd}: it can no longer be extended`,
      );
    }
    const grant = {
      weeks,
      afterWeek: extensionInsertionPoint(weekAt(cohort.startDate, cohort.timezone, at), before.programWeeks),
    };
    const calendar = internCalendar(cohort.startDate, cohort.weeks, cohort.timezone, [...grants, grant]);
    this.state = { ...this.state, extensionWeeks: this.state.extensionWeeks + weeks };
    this.record({
      name: 'InternshipExtended',
      ...this.ref(),
      weeks,
      totalExtensionWeeks: this.state.extensionWeeks,
      programWeeks: calendar.programWeeks,
      afterWeek: grant.afterWeek,
      newEndDate: calendar.keyDates.programEnd,
      presentationsWeek: calendar.keyDates.presentationsWeek,
      finalEvaluationsDue: calendar.keyDates.finalEvaluationsDue,
      reason,
      source: input.source,
    });
    return { grant, calendar };
  }

  /**
   * A corrected midpoint decision takes back the extension it had granted (`revoked`, one of
   * `grants`, the enrollment's extensions in order): the other grants stay where they were placed
   * (the weeks they were granted in), the intern's calendar is computed again without it, and
   * InternshipExtensionRevoked carries the grants left and the new dates. Only while ongoing.
   */
  revokeExtension(
    revoked: ExtensionRecord,
    grants: readonly ExtensionRecord[],
    cohort: Pick<CohortSnapshot, 'startDate' | 'weeks' | 'timezone'>,
    reason: string,
  ): { remaining: ExtensionRecord[]; calendar: InternCalendar } {
    this.assertOngoing('revoke an extension');
    const remaining = grants.filter((g) => g.id !== revoked.id);
    const calendar = internCalendar(cohort.startDate, cohort.weeks, cohort.timezone, remaining);
    const total = remaining.reduce((sum, g) => sum + g.weeks, 0);
    this.state = { ...this.state, extensionWeeks: total };
    this.record({
      name: 'InternshipExtensionRevoked',
      ...this.ref(),
      revokedWeeks: revoked.weeks,
      extensions: remaining.map((g) => ({ afterWeek: g.afterWeek, weeks: g.weeks })),
      totalExtensionWeeks: total,
      programWeeks: calendar.programWeeks,
      newEndDate: calendar.keyDates.programEnd,
      presentationsWeek: calendar.keyDates.presentationsWeek,
      finalEvaluationsDue: calendar.keyDates.finalEvaluationsDue,
      reason,
    });
    return { remaining, calendar };
  }

  /**
   * A midpoint EXTEND this service's rules refuse (beyond 5 weeks in total, the program over):
   * nothing changes, InternshipExtensionRefused tells the mentor and the program managers why.
   */
  refuseExtension(refusal: { evaluationId: string; mentorId: string; requestedWeeks: number; reason: string }): void {
    this.record({
      name: 'InternshipExtensionRefused',
      cohortId: this.state.cohortId,
      internId: this.state.internId,
      ...refusal,
      totalExtensionWeeks: this.state.extensionWeeks,
    });
  }

  /**
   * A corrected final outcome of a COMPLETED enrollment: the outcome is replaced and
   * InternCompleted recorded again with it (consumers keep the latest). The same outcome changes
   * nothing and returns false.
   */
  correctOutcome(outcome: FinalOutcome): boolean {
    if (this.state.status !== EnrollmentStatus.COMPLETED) {
      throw new ConflictError(
        `the enrollment of intern ${this.state.internId} is ${this.state.status}: no outcome to correct`,
      );
    }
    if (this.state.outcome === outcome) return false;
    this.state = { ...this.state, outcome };
    this.record({ name: 'InternCompleted', ...this.ref(), outcome });
    return true;
  }

  toSnapshot(): EnrollmentSnapshot {
    return { ...this.state, focusAreas: [...this.state.focusAreas] };
  }
}
