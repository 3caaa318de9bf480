import { Violations } from '#ddd';

/** The two rubrics of the program: competencies for evaluations, criteria for final presentations. */
export const RUBRIC_KINDS = ['PROGRAM', 'PRESENTATION'] as const;
export type RubricKind = (typeof RUBRIC_KINDS)[number];

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;

/** One point of the 1–5 scale and what it looks like for a criterion. */
export interface RubricLevel {
  score: number;
  label: string;
  description: string;
}

/** A competency (program rubric) or a criterion (presentation rubric). */
export interface RubricCriterion {
  /** Stable key scores refer to, e.g. `TECHNICAL_EXECUTION`. */
  key: string;
  name: string;
  description: string;
  levels: RubricLevel[];
}

export interface Rubric {
  kind: RubricKind;
  name: string;
  description: string;
  criteria: RubricCriterion[];
}

/** One score given against a rubric: `competency` for evaluations, the criterion key for presentations. */
export interface RubricScore {
  key: string;
  score: number;
}

const KEY = /^[A-Z][A-Z0-9_]*$/;

/**
 * A rubric is usable when it has at least one criterion, unique upper-snake keys, and for every
 * criterion a described level for each score from 1 to 5, in order. The default rubrics satisfy
 * this; a rubric tailored for a cohort is checked the same way (errors name the field).
 */
export function assertWellFormedRubric(rubric: Rubric, field = 'rubric'): void {
  const v = new Violations();
  v.check(rubric.name.trim().length > 0, `${field}.name`, 'is required');
  v.check(rubric.criteria.length > 0, `${field}.criteria`, 'needs at least one criterion');
  const seen = new Set<string>();
  rubric.criteria.forEach((c, i) => {
    const at = `${field}.criteria[${i}]`;
    v.check(KEY.test(c.key), `${at}.key`, 'must be UPPER_SNAKE_CASE');
    v.check(!seen.has(c.key), `${at}.key`, `duplicates ${c.key}`);
    seen.add(c.key);
    v.check(c.name.trim().length > 0, `${at}.name`, 'is required');
    v.check(c.description.trim().length > 0, `${at}.description`, 'is required');
    const scores = c.levels.map((l) => l.score);
    const expected = Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, (_, k) => MIN_SCORE + k);
    v.check(
      scores.length === expected.length && scores.every((s, k) => s === expected[k]),
      `${at}.levels`,
      `must describe the scores ${expected.join(', ')} in order`,
    );
    c.levels.forEach((l, k) =>
      v.check(
        l.description.trim().length > 0 && l.label.trim().length > 0,
        `${at}.levels[${k}]`,
        'needs a label and a description',
      ),
    );
  });
  v.throwIfAny();
}

/**
 * Checks a set of scores against a rubric: every criterion scored exactly once, each score an
 * integer from 1 to 5, no unknown criterion. Throws one ValidationError naming every bad field,
 * e.g. `scores[2].score` or `scores[0].competency`.
 */
export function validateRubricScores(
  rubric: Rubric,
  scores: RubricScore[],
  names: { field?: string; keyField?: string } = {},
): void {
  const field = names.field ?? 'scores';
  const keyField = names.keyField ?? 'key';
  const known = new Set(rubric.criteria.map((c) => c.key));
  const seen = new Set<string>();
  const v = new Violations();
  scores.forEach((s, i) => {
    if (!known.has(s.key))
      v.add(`${field}[${i}].${keyField}`, `is not part of the ${rubric.name} (${[...known].join(', ')})`);
    else if (seen.has(s.key)) v.add(`${field}[${i}].${keyField}`, `${s.key} is scored more than once`);
    seen.add(s.key);
    if (!Number.isInteger(s.score) || s.score < MIN_SCORE || s.score > MAX_SCORE) {
      v.add(`${field}[${i}].score`, `must be a whole number from ${MIN_SCORE} to ${MAX_SCORE}`);
    }
  });
  const missing = rubric.criteria.filter((c) => !seen.has(c.key)).map((c) => c.key);
  if (missing.length) v.add(field, `missing a score for ${missing.join(', ')}`);
  v.throwIfAny();
}

/** Mean of the scores, rounded to two decimals; undefined for none. */
export function meanScore(scores: RubricScore[]): number | undefined {
  if (scores.length === 0) return undefined;
  return Math.round((scores.reduce((sum, s) => sum + s.score, 0) / scores.length) * 100) / 100;
}
