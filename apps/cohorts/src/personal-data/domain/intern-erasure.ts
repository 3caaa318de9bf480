import {
  addDays,
  AggregateRoot,
  personalNeedles,
  redactPersonalText,
  requiredId,
  requiredText,
  Violations,
  zonedTimeToInstant,
} from '#ddd';
import { erasedValue } from '#contracts';
import { weekStartsOn } from '#calendar';
import type { CohortDomainEvent } from '../../shared/domain/cohort-events.js';

/** Why a person's personal data was erased: on request (`eraseIntern`) or by the retention policy. */
export enum ErasureTrigger {
  REQUEST = 'REQUEST',
  RETENTION_POLICY = 'RETENTION_POLICY',
}

/** Whose personal data an erasure record is about. */
export type ErasedPerson = 'INTERN' | 'MENTOR';

/** The longest reason a program manager may give for an erasure. */
export const MAX_ERASURE_REASON = 500;

/** Who erases when the retention policy does (`erased_by`). */
export const RETENTION_POLICY_ACTOR = 'retention-policy';

/** The reason the retention policy records. */
export function retentionReason(months: number): string {
  return `retention policy: cohort completed more than ${months} months ago`;
}

/** `eraseIntern`'s input, checked together: `internId` an id, `reason` trimmed, 1–500 characters. */
export function validateErasureInput(input: { internId: unknown; reason: unknown }): {
  internId: string;
  reason: string;
} {
  const v = new Violations();
  const internId = requiredId('internId', input.internId, {}, v);
  const reason = requiredText('reason', input.reason, { max: MAX_ERASURE_REASON }, v);
  v.throwIfAny();
  return { internId, reason };
}

/** What an erased intern's personal fields read as, everywhere in this service. */
export interface ErasedInternFields {
  name: string;
  email: string;
  university: string;
}

export function erasedIntern(internId: string): ErasedInternFields {
  return {
    name: erasedValue('intern', 'name', internId),
    email: erasedValue('intern', 'email', internId),
    university: erasedValue('intern', 'text', internId),
  };
}

export function erasedMentor(mentorId: string): { name: string; email: string } {
  return { name: erasedValue('mentor', 'name', mentorId), email: erasedValue('mentor', 'email', mentorId) };
}

/**
 * Free text (a reason someone typed) with every mention of the person's name (as whole words)
 * and e-mail, in any case, replaced by their erased values (`#ddd`'s personal-text rules, as
 * every service applies them): the text stays, the person is no longer named in it.
 */
export function scrubbed(
  text: string,
  person: { name: string; email: string },
  erased: { name: string; email: string },
): string {
  return redactPersonalText(text, personalNeedles([person.name], [person.email], erased));
}

/** `YYYY-MM-DD` plus whole months, the day kept or clamped to the month's last (Jan 31 + 1 = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day of a cohort (the Sunday of its last week), as a calendar date in its zone. */
export function cohortEndDate(cohort: { startDate: string; weeks: number }): string {
  return addDays(weekStartsOn(cohort.startDate, cohort.weeks + 1), -1);
}

/**
 * When the retention policy erases a completed cohort's interns: local midnight after its last
 * day, `months` months later, in the cohort's timezone.
 */
export function retentionDueAt(cohort: { startDate: string; weeks: number; timezone: string }, months: number): Date {
  return zonedTimeToInstant(addMonths(addDays(cohortEndDate(cohort), 1), months), cohort.timezone);
}

/**
 * Whether another enrollment's cohort still needs the intern's data: it has not ended yet, or it
 * completed less than `months` ago. A cancelled cohort needs nothing.
 */
export function cohortStillNeedsData(
  cohort: { status: string; startDate: string; weeks: number; timezone: string },
  now: Date,
  months: number,
): boolean {
  if (cohort.status === 'CANCELLED') return false;
  if (cohort.status !== 'COMPLETED') return true;
  return retentionDueAt(cohort, months) > now;
}

/** The record of an erasure: who was erased, when, why and by whom; none of the erased data. */
export interface InternErasureSnapshot {
  internId: string;
  /** The cohorts the intern was enrolled in (as InternErased tells them). */
  cohortIds: string[];
  reason: string;
  erasedBy: string;
  erasedAt: Date;
  trigger: ErasureTrigger;
}

/** An intern's erasure: records InternErased, which every service acts on. */
export class InternErasure extends AggregateRoot<CohortDomainEvent> {
  private constructor(private readonly state: InternErasureSnapshot) {
    super();
  }

  static erase(state: InternErasureSnapshot): InternErasure {
    const erasure = new InternErasure({ ...state, cohortIds: [...state.cohortIds] });
    erasure.record({
      name: 'InternErased',
      internId: state.internId,
      cohortIds: [...state.cohortIds],
      erasedAt: state.erasedAt,
      trigger: state.trigger,
    });
    return erasure;
  }

  toSnapshot(): InternErasureSnapshot {
    return { ...this.state, cohortIds: [...this.state.cohortIds] };
  }
}
