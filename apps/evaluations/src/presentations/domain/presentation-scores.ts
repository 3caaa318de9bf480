import { weekAt } from '#calendar';
import { ConflictError, ValidationError, Violations } from '#ddd';
import { mean } from '../../progress/domain/intern-progress.js';
import { meanScore, validateRubricScores, type Rubric } from '../../rubrics/domain/rubric.js';

export interface CriterionScore {
  criterion: string;
  score: number;
}

export interface PanelScore {
  mentorId: string;
  scores: CriterionScore[];
  averageScore: number;
}

export interface CriterionAverage {
  criterion: string;
  name: string;
  average: number | null;
  count: number;
}

export interface PresentationSummary {
  /** Mean of the panel members' averages (two decimals); null before anyone scored. */
  averageScore: number | null;
  panelCount: number;
  /** Every criterion of the rubric with the mean of the scores given for it. */
  criteria: CriterionAverage[];
}

const MAX_COMMENTS = 10_000;

/** A panel member's comments, trimmed (null when blank), at most MAX_COMMENTS characters: collected into `v`. */
function commentsOf(comments: unknown, v: Violations): string | null {
  const text = typeof comments === 'string' ? comments.trim() : '';
  v.check(text.length <= MAX_COMMENTS, 'comments', `must be at most ${MAX_COMMENTS} characters`);
  return text || null;
}

/**
 * Checks what a panel member's scoring says on its own, without the cohort's rubric (the
 * comments): handlers call it before opening a transaction. The scores need the rubric and are
 * checked by `validatePresentationScores`, which checks the comments again.
 */
export function validatePresentationInputShape(comments: string | null | undefined): void {
  const v = new Violations();
  commentsOf(comments, v);
  v.throwIfAny();
}

/** Checks a panel member's scores against the presentation rubric (`scores[i].criterion`, `scores[i].score`) and the comments. */
export function validatePresentationScores(
  rubric: Rubric,
  scores: CriterionScore[] | null | undefined,
  comments: string | null | undefined,
): { scores: CriterionScore[]; averageScore: number; comments: string | null } {
  const v = new Violations();
  const list = (Array.isArray(scores) ? scores : []).map((s) => ({
    criterion: typeof s.criterion === 'string' ? s.criterion.trim() : '',
    score: s.score,
  }));
  try {
    validateRubricScores(
      rubric,
      list.map((s) => ({ key: s.criterion, score: s.score })),
      { field: 'scores', keyField: 'criterion' },
    );
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    for (const x of err.violations) v.add(x.field, x.message);
  }
  const text = commentsOf(comments, v);
  v.throwIfAny();
  const order = new Map(rubric.criteria.map((c, i) => [c.key, i]));
  list.sort((a, b) => order.get(a.criterion)! - order.get(b.criterion)!);
  return {
    scores: list,
    averageScore: meanScore(list.map((s) => ({ key: s.criterion, score: s.score })))!,
    comments: text,
  };
}

/** Averages per intern (over the panel) and per criterion (over every score given for it). */
export function summarizePresentation(rubric: Rubric, panel: readonly PanelScore[]): PresentationSummary {
  return {
    averageScore: mean(panel.map((p) => p.averageScore)),
    panelCount: panel.length,
    criteria: rubric.criteria.map((c) => {
      const given = panel.flatMap((p) => p.scores.filter((s) => s.criterion === c.key).map((s) => s.score));
      return { criterion: c.key, name: c.name, average: mean(given), count: given.length };
    }),
  };
}

/**
 * A presentation is scored once the cohort clock has reached the week of its slot (the cohort's
 * program time, which sandbox mode moves ahead of the wall clock).
 */
export function assertPresentationHeld(
  slot: { slotId: string; startsAt: Date },
  clock: { startDate: string | null; timezone: string | null; currentWeek: number } | null,
): void {
  if (!clock?.startDate || !clock.timezone) {
    throw new ConflictError(
      `the calendar of slot ${slot.slotId}'s cohort is not known yet: its presentation cannot be scored`,
    );
  }
  const week = weekAt(clock.startDate, clock.timezone, slot.startsAt);
  if (clock.currentWeek < week) {
    throw new ConflictError(
      `the presentation in slot ${slot.slotId} is in week ${week} (${slot.startsAt.toISOString()}) and the cohort is in week ${clock.currentWeek}: it can be scored from week ${week}`,
    );
  }
}
