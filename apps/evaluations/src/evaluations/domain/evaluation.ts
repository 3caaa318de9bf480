import { AggregateRoot, ConflictError, ValidationError, Violations, type DomainEvent } from '#ddd';
import { meanScore, validateRubricScores, type Rubric } from '../../rubrics/domain/rubric.js';
import {
  isFinalDecision,
  isMidpointDecision,
  validateDecision,
  validateProgramNps,
  type EvaluationDecision,
  type FinalDecision,
  type MidpointDecision,
  type ReturnOffer,
} from './decision.js';
import { EVALUATION_CYCLES, type EvaluationCycle } from './evaluation-window.js';

export const EVALUATION_KINDS = ['MENTOR', 'SELF'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export const MAX_COMMENT = 2_000;
export const MAX_LONG_TEXT = 10_000;

/** Who recorded an evaluation: its author, or a program manager on the primary mentor's behalf. */
export type RecorderRole = 'MENTOR' | 'PROGRAM_MANAGER' | 'INTERN';
export interface RecordedBy {
  id: string;
  role: RecorderRole;
}

export interface EvaluationScore {
  competency: string;
  score: number;
  comment: string | null;
}

export interface EvaluationSnapshot {
  id: string;
  cohortId: string;
  internId: string;
  /** The primary mentor (MENTOR) or the intern (SELF). */
  authorId: string;
  kind: EvaluationKind;
  cycle: EvaluationCycle;
  scores: EvaluationScore[];
  averageScore: number;
  /** Mentor: comments shared with the intern. */
  sharedComments: string | null;
  /** Mentor: comments for program managers and mentors only; never shown to the intern. */
  privateComments: string | null;
  /** Self: the intern's reflections. */
  reflections: string | null;
  /** Self, FINAL only: how likely (0–10) the intern would recommend the program. */
  programNps: number | null;
  decision: EvaluationDecision | null;
  extensionWeeks: number | null;
  returnOffer: ReturnOffer | null;
  submittedAt: Date;
  updatedAt: Date;
  /** 1 when submitted, + 1 for each edit or correction (the highest is the one in force). */
  revision: number;
  /** Who recorded the latest revision: the author, or a program manager on the mentor's behalf. */
  recordedBy: RecordedBy;
}

/** What an evaluation says, as validated from its input (the snapshot without who, when and which). */
export type EvaluationContent = Omit<
  EvaluationSnapshot,
  'id' | 'cohortId' | 'internId' | 'authorId' | 'submittedAt' | 'updatedAt' | 'revision' | 'recordedBy'
>;

export interface ScoreInput {
  competency: string;
  score: number;
  comment?: string | null;
}

export interface MentorEvaluationInput {
  cycle: string;
  scores: ScoreInput[];
  sharedComments: string | null | undefined;
  privateComments?: string | null;
  decision: string | null | undefined;
  extensionWeeks?: number | null;
  returnOffer?: string | null;
}

export interface SelfEvaluationInput {
  cycle: string;
  scores: ScoreInput[];
  reflections: string | null | undefined;
  programNps?: number | null;
}

export interface EvaluationContext {
  cohortId: string;
  internId: string;
  authorId: string;
  /** The cohort's program rubric (tailored or the default). */
  rubric: Rubric;
  now: Date;
  /** Who records it; the author when left out. */
  recordedBy?: RecordedBy;
}

export interface EvaluationSubmitted extends DomainEvent {
  name: 'EvaluationSubmitted';
  evaluation: EvaluationSnapshot;
  /** True for an edit of an evaluation already submitted. */
  edited: boolean;
}
export interface MidpointDecisionMade extends DomainEvent {
  name: 'MidpointDecisionMade';
  evaluation: EvaluationSnapshot;
  decision: MidpointDecision;
}
export interface FinalOutcomeRecorded extends DomainEvent {
  name: 'FinalOutcomeRecorded';
  evaluation: EvaluationSnapshot;
  outcome: FinalDecision;
  returnOffer: ReturnOffer;
}
export type EvaluationDomainEvent = EvaluationSubmitted | MidpointDecisionMade | FinalOutcomeRecorded;

/** Validates the cycle argument; adds a violation for `cycle` and returns undefined when it is not one. */
export function parseCycle(value: unknown, v: Violations): EvaluationCycle | undefined {
  if (typeof value === 'string' && (EVALUATION_CYCLES as readonly string[]).includes(value))
    return value as EvaluationCycle;
  v.add('cycle', `must be ${EVALUATION_CYCLES.join(' or ')}`);
  return undefined;
}

function text(
  v: Violations,
  field: string,
  value: unknown,
  options: { required: boolean; max: number },
): string | null {
  const s = typeof value === 'string' ? value.trim() : '';
  if (!s) {
    if (options.required) v.add(field, 'is required');
    return null;
  }
  if (s.length > options.max) v.add(field, `must be at most ${options.max} characters`);
  return s;
}

/** Scores against the rubric (every competency once, 1–5) plus an optional comment each, collected into `v`. */
function scoresOf(rubric: Rubric, input: ScoreInput[] | null | undefined, v: Violations): EvaluationScore[] {
  const list = Array.isArray(input) ? input : [];
  try {
    validateRubricScores(
      rubric,
      list.map((s) => ({
        key: typeof s?.competency === 'string' ? s.competency.trim() : String(s?.competency),
        score: s?.score,
      })),
      { field: 'scores', keyField: 'competency' },
    );
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    for (const violation of err.violations) v.add(violation.field, violation.message);
  }
  const comments = commentsOf(list, v);
  const byKey = new Map(rubric.criteria.map((c, i) => [c.key, i]));
  return list
    .map((s, i) => ({
      competency: typeof s.competency === 'string' ? s.competency.trim() : '',
      score: s.score,
      comment: comments[i]!,
    }))
    .sort((a, b) => (byKey.get(a.competency) ?? 99) - (byKey.get(b.competency) ?? 99));
}

/** The optional comment of each score (at most MAX_COMMENT characters), collected into `v`: no rubric needed. */
function commentsOf(list: readonly ScoreInput[], v: Violations): (string | null)[] {
  return list.map((s, i) => text(v, `scores[${i}].comment`, s?.comment, { required: false, max: MAX_COMMENT }));
}

/** A self-evaluation's reflections (required) and, at FINAL only, its program NPS, collected into `v`. */
function selfAnswersOf(
  input: SelfEvaluationInput,
  cycle: EvaluationCycle | undefined,
  v: Violations,
): { reflections: string | null; programNps: number | null } {
  const reflections = text(v, 'reflections', input.reflections, { required: true, max: MAX_LONG_TEXT });
  const programNps = cycle ? validateProgramNps(cycle, input.programNps, v) : null;
  return { reflections, programNps };
}

/** What an evaluation leaves empty until its kind and cycle say it: comments, answers, the decision. */
export const NOTHING_SAID = {
  sharedComments: null,
  privateComments: null,
  reflections: null,
  programNps: null,
  decision: null,
  extensionWeeks: null,
  returnOffer: null,
} satisfies Partial<EvaluationContent>;

/** What an evaluation of `kind` says: its scores and their average, and what `said` gives (nothing else). */
function contentOf(
  kind: EvaluationKind,
  cycle: EvaluationCycle,
  scores: EvaluationScore[],
  said: Partial<EvaluationContent>,
): EvaluationContent {
  return {
    kind,
    cycle,
    scores,
    averageScore: meanScore(scores.map((s) => ({ key: s.competency, score: s.score })))!,
    ...NOTHING_SAID,
    ...said,
  };
}

function sameDecision(
  a: EvaluationSnapshot,
  b: Pick<EvaluationSnapshot, 'decision' | 'extensionWeeks' | 'returnOffer'>,
): boolean {
  return a.decision === b.decision && a.extensionWeeks === b.extensionWeeks && a.returnOffer === b.returnOffer;
}

/** The decision event of a mentor's evaluation: its midpoint decision, or its final outcome with the return offer. */
function decisionEvent(s: EvaluationSnapshot): MidpointDecisionMade | FinalOutcomeRecorded | undefined {
  if (s.cycle === 'MIDPOINT' && isMidpointDecision(s.decision)) {
    return { name: 'MidpointDecisionMade', evaluation: s, decision: s.decision };
  }
  if (s.cycle === 'FINAL' && isFinalDecision(s.decision) && s.returnOffer) {
    return { name: 'FinalOutcomeRecorded', evaluation: s, outcome: s.decision, returnOffer: s.returnOffer };
  }
  return undefined;
}

function describeDecision(s: Pick<EvaluationSnapshot, 'decision' | 'extensionWeeks' | 'returnOffer'>): string {
  if (s.decision === 'EXTEND') return `EXTEND by ${s.extensionWeeks} week${s.extensionWeeks === 1 ? '' : 's'}`;
  if (s.returnOffer) return `${s.decision} with the return offer ${s.returnOffer}`;
  return String(s.decision);
}

/**
 * A midpoint or final evaluation of an intern, by their primary mentor (MENTOR) or by the intern
 * (SELF): one of each kind per intern and cycle. The intern edits their own while the window is
 * open (`revise`); a mentor's is corrected (`correct`, SPEC §7) by the primary mentor while the
 * window is open or by a program manager once it opened (who and when are checked by the command,
 * which knows the clock and the caller): the decision may change, and is then published again
 * with the new revision so that every service ends on the latest decision.
 */
export class Evaluation extends AggregateRoot<EvaluationDomainEvent> {
  private constructor(private state: EvaluationSnapshot) {
    super();
  }

  static fromSnapshot(snapshot: EvaluationSnapshot): Evaluation {
    return new Evaluation({ ...snapshot, scores: snapshot.scores.map((s) => ({ ...s })) });
  }

  get id(): string {
    return this.state.id;
  }

  snapshot(): EvaluationSnapshot {
    return { ...this.state, scores: this.state.scores.map((s) => ({ ...s })) };
  }

  /** Validates a mentor's evaluation (every bad field at once); `alreadyExtendedWeeks` bounds EXTEND. */
  static validateMentorInput(
    input: MentorEvaluationInput,
    rubric: Rubric,
    alreadyExtendedWeeks: number,
  ): EvaluationContent {
    const v = new Violations();
    const cycle = parseCycle(input.cycle, v);
    const scores = scoresOf(rubric, input.scores, v);
    const sharedComments = text(v, 'sharedComments', input.sharedComments, { required: true, max: MAX_LONG_TEXT });
    const privateComments = text(v, 'privateComments', input.privateComments, { required: false, max: MAX_LONG_TEXT });
    const decision = cycle
      ? validateDecision(
          { cycle, decision: input.decision, extensionWeeks: input.extensionWeeks, returnOffer: input.returnOffer },
          alreadyExtendedWeeks,
          v,
        )
      : undefined;
    v.throwIfAny();
    return contentOf('MENTOR', cycle!, scores, { sharedComments, privateComments, ...decision! });
  }

  /**
   * Checks what a self-evaluation says on its own, without the cohort's rubric (the cycle, the
   * reflections, the program NPS, each score's comment): every bad field at once, named as
   * `validateSelfInput` names it. Handlers call it before opening a transaction; the scores
   * themselves are checked against the cohort's rubric by `validateSelfInput`.
   */
  static validateSelfInputShape(input: SelfEvaluationInput): void {
    const v = new Violations();
    const cycle = parseCycle(input.cycle, v);
    commentsOf(Array.isArray(input.scores) ? input.scores : [], v);
    selfAnswersOf(input, cycle, v);
    v.throwIfAny();
  }

  /** Validates a self-evaluation against the cohort's program rubric (every bad field at once). */
  static validateSelfInput(input: SelfEvaluationInput, rubric: Rubric): EvaluationContent {
    const v = new Violations();
    const cycle = parseCycle(input.cycle, v);
    const scores = scoresOf(rubric, input.scores, v);
    const { reflections, programNps } = selfAnswersOf(input, cycle, v);
    v.throwIfAny();
    return contentOf('SELF', cycle!, scores, { reflections, programNps });
  }

  /** A first submission: records EvaluationSubmitted and, for a mentor, the decision event of the cycle. */
  static submit(
    id: string,
    context: EvaluationContext,
    content: ReturnType<typeof Evaluation.validateMentorInput>,
  ): Evaluation {
    const evaluation = new Evaluation({
      ...content,
      id,
      cohortId: context.cohortId,
      internId: context.internId,
      authorId: context.authorId,
      submittedAt: context.now,
      updatedAt: context.now,
      revision: 1,
      recordedBy: context.recordedBy ?? { id: context.authorId, role: content.kind === 'SELF' ? 'INTERN' : 'MENTOR' },
    });
    const snapshot = evaluation.snapshot();
    evaluation.record({ name: 'EvaluationSubmitted', evaluation: snapshot, edited: false });
    const decided = decisionEvent(snapshot);
    if (decided) evaluation.record(decided);
    return evaluation;
  }

  /**
   * An edit by the same author while the window is open (self-evaluations; a mentor's goes through
   * `correct`): the scores and comments change and EvaluationSubmitted is published again; a
   * different decision is a CONFLICT here.
   */
  revise(authorId: string, content: ReturnType<typeof Evaluation.validateMentorInput>, now: Date): void {
    const s = this.state;
    if (authorId !== s.authorId) {
      throw new ConflictError(
        `the ${s.cycle} evaluation of intern ${s.internId} was already submitted by ${s.authorId}; only its author can change it`,
      );
    }
    if (s.kind === 'MENTOR' && !sameDecision(s, content)) {
      throw new ConflictError(
        `the ${s.cycle} decision ${describeDecision(s)} was recorded on ${s.submittedAt.toISOString().slice(0, 10)} and has been published to the cohorts service: an edit may change the scores and comments, not the decision (asked for ${describeDecision(content)})`,
      );
    }
    this.state = { ...s, ...content, updatedAt: now, revision: s.revision + 1 };
    this.record({ name: 'EvaluationSubmitted', evaluation: this.snapshot(), edited: true });
  }

  /**
   * A correction of a mentor's evaluation (SPEC §7), by the primary mentor while the window is
   * open or by a program manager once it opened (the command checks who and when): everything may
   * change, the decision included. The revision is raised and EvaluationSubmitted published again;
   * when the decision changed, its decision event too (same evaluation id, the new revision), so
   * every service ends on the latest decision. `authorId` is the intern's primary mentor now (or
   * the program manager's id when there is none).
   */
  correct(content: EvaluationContent, by: { authorId: string; recordedBy: RecordedBy }, now: Date): void {
    const s = this.state;
    if (s.kind !== 'MENTOR' || content.kind !== 'MENTOR' || content.cycle !== s.cycle) {
      throw new ConflictError(`only a mentor's ${s.cycle} evaluation is corrected by another ${s.cycle} evaluation`);
    }
    const decisionChanged = !sameDecision(s, content);
    this.state = {
      ...s,
      ...content,
      authorId: by.authorId,
      recordedBy: { ...by.recordedBy },
      updatedAt: now,
      revision: s.revision + 1,
    };
    const snapshot = this.snapshot();
    this.record({ name: 'EvaluationSubmitted', evaluation: snapshot, edited: true });
    if (decisionChanged) {
      const decided = decisionEvent(snapshot);
      if (decided) this.record(decided);
    }
  }

  /** The weeks the current decision extends the internship by (0 unless EXTEND). */
  get extensionWeeksDecided(): number {
    return this.state.decision === 'EXTEND' ? (this.state.extensionWeeks ?? 0) : 0;
  }
}
