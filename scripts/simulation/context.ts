import type { GraphqlClient, Operation } from './client.js';
import { allPages, type EnrollmentRow, GQL } from './operations.js';
import type { Plan, SimIntern } from './plan.js';
import { addDays, eachLimited, pollUntil, SimulationStepError } from './support.js';

/** What was accepted, counted as it happened: the checks compare the report with this. */
export interface Did {
  checkIns: number;
  checkInsByIntern: Map<string, number>;
  reports: {
    onTime: number;
    late: number;
    wrongLateFlag: { intern: string; milestone: string; week: number; dueWeek: number; late: boolean }[];
  };
  reviews: { accepted: number; revisionRequested: number };
  rsvps: Map<string, number>;
  attended: Map<string, number>;
  talksHeld: number;
  panelScores: number;
  finals: { internId: string; decision: string; offer: string | null; scores: [string, number][] }[];
  midpoints: { internId: string; decision: string; scores: [string, number][] }[];
  selfFinals: { internId: string; nps: number }[];
  selfEvaluations: { internId: string; scores: [string, number][] }[];
  completed: Set<string>;
  /** Each intern's feedback on their primary mentor, as accepted. */
  mentorFeedback: { internId: string; mentorId: string; cycle: string; scores: number[] }[];
  /** Each offer recorded, with the status it ended on. */
  offers: { internId: string; recommendation: string | null; status: string }[];
  /** What recordOfferDecision answered that disagrees with what was recorded. */
  wrongOfferAnswers: string[];
}

export const newDid = (): Did => ({
  checkIns: 0,
  checkInsByIntern: new Map(),
  reports: { onTime: 0, late: 0, wrongLateFlag: [] },
  reviews: { accepted: 0, revisionRequested: 0 },
  rsvps: new Map(),
  attended: new Map(),
  talksHeld: 0,
  panelScores: 0,
  finals: [],
  midpoints: [],
  selfFinals: [],
  selfEvaluations: [],
  completed: new Set(),
  mentorFeedback: [],
  offers: [],
  wrongOfferAnswers: [],
});

export const bump = (map: Map<string, number>, key: string, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

/** A step that could not be carried out (the run went on without it), with the request and the answer. */
export interface StepFailure {
  step: string;
  detail: string;
}

/** The cohort as scheduled (week 0). */
export interface Cohort {
  cohortId: string;
  startDate: string;
  tasks: { id: string; title: string }[];
  /** The PROGRAM rubric's competencies and the PRESENTATION rubric's criteria. */
  competencies: string[];
  criteria: string[];
}

/** Everything a phase of the program needs: the plan, the client, the tokens, the cohort and what was done. */
export class Run {
  readonly did = newDid();
  readonly failures: StepFailure[] = [];
  /** Time spent waiting for asynchronous effects, by what was awaited (for the timing summary). */
  readonly waits: { waitingFor: string; ms: number }[] = [];
  readonly byId: Map<string, SimIntern>;
  /** Whether interns rate their primary mentor (submitMentorFeedback) with their self-evaluations: the happy run's. */
  giveMentorFeedback = false;

  constructor(
    readonly plan: Plan,
    readonly client: GraphqlClient,
    readonly log: (message: string) => void,
    readonly pm: string,
    private readonly mentorTokens: Map<string, string>,
    readonly cohort: Cohort,
    private readonly concurrency: number,
    readonly timeoutMs: number,
  ) {
    this.byId = new Map(plan.interns.map((i) => [i.id, i]));
  }

  get cohortId(): string {
    return this.cohort.cohortId;
  }

  mentorToken(mentorId: string): string {
    const token = this.mentorTokens.get(mentorId);
    if (!token) throw new Error(`no token for mentor ${mentorId}`);
    return token;
  }

  /** The intern the plan gave `role` (TERMINATE, EXTEND and FAIL are one intern each). */
  withRole(role: SimIntern['role']): SimIntern {
    const intern = this.plan.interns.find((i) => i.role === role);
    if (!intern) throw new Error(`the plan has no ${role} intern`);
    return intern;
  }

  inProgram(): SimIntern[] {
    return this.plan.interns.filter((i) => !i.terminated && !this.did.completed.has(i.id));
  }

  /** The Monday of program week `week`. */
  weekStart(week: number): string {
    return addDays(this.cohort.startDate, (week - 1) * 7);
  }

  /** `fn` over `items`, `concurrency` at a time. */
  all<T>(items: Iterable<T>, fn: (item: T, index: number) => Promise<unknown>): Promise<void> {
    return eachLimited(items, this.concurrency, fn);
  }

  /** Polls `check` until it returns a value (see pollUntil), counting the wait. */
  until<T>(waitingFor: string, check: (seen: (value: unknown) => void) => Promise<T | undefined>): Promise<T> {
    return pollUntil(waitingFor, check, {
      timeoutMs: this.timeoutMs,
      onArrived: (ms) => this.waits.push({ waitingFor, ms }),
    });
  }

  /** Sends `op` as the PM until `pick` finds what is awaited in its answer. */
  poll<V, R, T>(waitingFor: string, op: Operation<V, R>, variables: V, pick: (value: R | null) => T | undefined) {
    return this.until(waitingFor, async (seen) => {
      const r = await this.client.send(this.pm, op, variables);
      seen(r.errors ?? r.data);
      return pick(r.value);
    });
  }

  /** Moves the sandbox clock to the start of `toWeek`. */
  advance(toWeek: number) {
    return this.client.call(`advanceCohortClock to week ${toWeek}`, this.pm, GQL.advanceCohortClock, {
      input: { cohortId: this.cohortId, toWeek },
    });
  }

  /** The cohort's enrollments by intern, as the cohorts service has them. */
  async enrollments(): Promise<Map<string, EnrollmentRow>> {
    const rows = await allPages(async (after) => {
      const cohort = await this.client.call('cohort enrollments', this.pm, GQL.enrollments, {
        id: this.cohortId,
        after,
      });
      if (!cohort) throw new SimulationStepError('cohort enrollments', `  cohort ${this.cohortId} not found`);
      return cohort.enrollments;
    });
    return new Map(rows.map((row) => [row.internId, row]));
  }
}
