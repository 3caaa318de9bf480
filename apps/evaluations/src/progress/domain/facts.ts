/**
 * The read model is built from facts: one row per thing an event tells about an intern (or, with
 * intern `*`, about their cohort), keyed so that a redelivered or replayed event writes the same
 * row again. When two events write the same fact, the one with the later (event time, event id)
 * wins, whatever order they were consumed in; and everything shown is derived from the set of
 * facts by pure functions (derive-progress.ts). Facts from different topics and partitions may be
 * consumed in any interleaving, live or in a rebuild, and the rows come out the same.
 */
export const COHORT_WIDE = '*';

/**
 * The cohort of a fact about the intern in every cohort they are or will be in (cohort `*`): their
 * erasure (ERASED). No cohort's rows are derived from it; it makes every fact of the intern, in any
 * cohort, recorded without their personal data (erasure.ts).
 */
export const ANY_COHORT = '*';

export const FACT_KINDS = [
  // cohort-wide (intern '*')
  'COHORT_SCHEDULED',
  'COHORT_STARTED',
  'COHORT_CANCELLED',
  'CLOCK',
  'TALK',
  'TALK_HELD',
  // the intern's enrollment
  'ENROLLED',
  'ENDED',
  'REINSTATED',
  'EXTENDED',
  'EXTENSIONS_SET',
  'EXTENSION_REFUSED',
  'ONBOARDING_TASK',
  'ONBOARDING_DONE',
  'TALK_RSVP',
  'TALK_ATTENDED',
  'SLOT_BOOKED',
  'SLOT_CANCELLED',
  // mentors
  'ASSIGNED',
  'UNASSIGNED',
  'CHECK_IN',
  'CHECK_IN_MISSED',
  // scoping
  'SCOPE',
  'SCOPE_OVERDUE',
  'MILESTONE',
  'REPORT',
  'REPORT_REVIEWED',
  'MILESTONE_OVERDUE',
  // evaluations
  'EVALUATION',
  'MIDPOINT_DECISION',
  'FINAL_OUTCOME',
  'PRESENTATION_SCORE',
  'EVALUATION_OVERDUE',
  // the intern's personal data was erased (cohort ANY_COHORT)
  'ERASED',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface Fact {
  cohortId: string;
  /** The intern, or `*` for a fact about the whole cohort. */
  internId: string;
  kind: FactKind;
  /** Identifies the fact within its kind (a check-in id, a week, a milestone id; `-` for a single one). */
  key: string;
  /** The CloudEvents id and time of the event that wrote it: later (time, id) wins. */
  eventId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** Orders facts by when their events happened (event time, then id): the order "latest wins" uses. */
export function byOccurrence(a: Pick<Fact, 'occurredAt' | 'eventId'>, b: Pick<Fact, 'occurredAt' | 'eventId'>): number {
  const t = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (t !== 0) return t;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/** The facts of one kind, oldest first. */
export function factsOf(facts: readonly Fact[], kind: FactKind): Fact[] {
  return facts.filter((f) => f.kind === kind).sort(byOccurrence);
}

export function latest(facts: readonly Fact[], kind: FactKind): Fact | undefined {
  return factsOf(facts, kind).at(-1);
}

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const bool = (v: unknown): boolean => v === true;
