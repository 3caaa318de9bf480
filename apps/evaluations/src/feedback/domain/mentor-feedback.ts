import { ConflictError, enumOf, requiredText, Violations } from '#ddd';
import {
  EVALUATION_CYCLES,
  type EvaluationCycle,
  type WindowStatus,
} from '../../evaluations/domain/evaluation-window.js';

/** What an intern rates their primary mentor on (SPEC §7). */
export const FEEDBACK_CRITERIA = ['COMMUNICATION', 'AVAILABILITY', 'GUIDANCE'] as const;
export type FeedbackCriterion = (typeof FEEDBACK_CRITERIA)[number];

/** Comments are required text of at most this many characters. */
export const MAX_FEEDBACK_COMMENTS = 2000;
/** Mentors see averages only over at least this many distinct interns (SPEC §7). */
export const MIN_INTERNS_FOR_SUMMARY = 3;

export interface FeedbackRating {
  criterion: FeedbackCriterion;
  score: number;
}

export interface MentorFeedbackContent {
  cycle: EvaluationCycle;
  /** One per criterion, in FEEDBACK_CRITERIA order. */
  ratings: FeedbackRating[];
  comments: string;
}

export interface MentorFeedbackRecord extends MentorFeedbackContent {
  id: string;
  cohortId: string;
  internId: string;
  mentorId: string;
  averageScore: number;
  /** 1 on the first submission, +1 for every correction. */
  revision: number;
  submittedAt: Date;
  updatedAt: Date;
}

/**
 * Checks what an intern gives (`cycle`, `ratings[i].criterion`, `ratings[i].score`, `ratings`,
 * `comments`), every bad field reported together: each criterion exactly once, scores integers
 * 1–5, comments required and at most MAX_FEEDBACK_COMMENTS characters.
 */
export function validateMentorFeedback(input: {
  cycle: unknown;
  ratings: unknown;
  comments: unknown;
}): MentorFeedbackContent {
  const v = new Violations();
  const cycle = enumOf('cycle', input.cycle, EVALUATION_CYCLES, v)!;
  const byCriterion = new Map<FeedbackCriterion, number>();
  if (!Array.isArray(input.ratings)) {
    v.add('ratings', `must be a list with one rating for each of ${FEEDBACK_CRITERIA.join(', ')}`);
  } else {
    input.ratings.forEach((raw: unknown, i) => {
      const r = (raw ?? {}) as { criterion?: unknown; score?: unknown };
      const criterion = enumOf(`ratings[${i}].criterion`, r.criterion, FEEDBACK_CRITERIA, v);
      const duplicate = criterion !== undefined && byCriterion.has(criterion);
      if (duplicate) v.add(`ratings[${i}].criterion`, `${criterion} is rated more than once`);
      const score = r.score;
      const valid = typeof score === 'number' && Number.isInteger(score) && score >= 1 && score <= 5;
      if (!valid) v.add(`ratings[${i}].score`, 'must be an integer from 1 to 5');
      if (criterion !== undefined && !duplicate) byCriterion.set(criterion, valid ? score : 0);
    });
    const missing = FEEDBACK_CRITERIA.filter((c) => !byCriterion.has(c));
    if (missing.length > 0)
      v.add('ratings', `must rate each of ${FEEDBACK_CRITERIA.join(', ')} once: missing ${missing.join(', ')}`);
  }
  const comments = requiredText('comments', input.comments, { max: MAX_FEEDBACK_COMMENTS }, v);
  v.throwIfAny();
  return {
    cycle,
    ratings: FEEDBACK_CRITERIA.map((criterion) => ({ criterion, score: byCriterion.get(criterion)! })),
    comments,
  };
}

/** The mean of the ratings, two decimals. */
export function feedbackAverage(ratings: readonly { score: number }[]): number {
  return Math.round((ratings.reduce((s, r) => s + r.score, 0) / ratings.length) * 100) / 100;
}

/**
 * When an intern may give feedback on their mentor for `cycle` (rules the SPEC leaves open): the
 * first time once the intern's evaluation window of that cycle has opened (open, or closed since:
 * late feedback is still welcome); a correction only while the window is OPEN. Before the window
 * opens, and a correction after it closed, are CONFLICT.
 */
export function requireFeedbackAllowed(
  cycle: EvaluationCycle,
  window: { status: WindowStatus; week: number },
  existing: boolean,
): void {
  if (window.status === 'UPCOMING') {
    throw new ConflictError(
      `feedback on your mentor for the ${cycle} cycle opens with your ${cycle} evaluation window (week ${window.week})`,
    );
  }
  if (existing && window.status === 'CLOSED') {
    throw new ConflictError(
      `your ${cycle} evaluation window (week ${window.week}) has closed: your feedback for that cycle can no longer be changed`,
    );
  }
}

export interface CriterionAverage {
  criterion: FeedbackCriterion;
  average: number;
}

export interface MentorFeedbackSummary {
  mentorId: string;
  /** Distinct interns who gave feedback. */
  interns: number;
  averages: CriterionAverage[];
  /** Mean of every rating. */
  overall: number;
}

/**
 * A mentor's averages over every feedback about them (each intern's every cycle), per criterion and
 * overall; null below MIN_INTERNS_FOR_SUMMARY distinct interns, so no one intern can be singled out.
 */
export function mentorFeedbackSummary(
  mentorId: string,
  feedback: readonly Pick<MentorFeedbackRecord, 'internId' | 'ratings'>[],
  minInterns = MIN_INTERNS_FOR_SUMMARY,
): MentorFeedbackSummary | null {
  const interns = new Set(feedback.map((f) => f.internId)).size;
  if (interns < minInterns) return null;
  const ratings = feedback.flatMap((f) => f.ratings);
  const round = (x: number) => Math.round(x * 100) / 100;
  const averages = FEEDBACK_CRITERIA.map((criterion) => {
    const scores = ratings.filter((r) => r.criterion === criterion).map((r) => r.score);
    return { criterion, average: round(scores.reduce((a, b) => a + b, 0) / scores.length) };
  });
  return { mentorId, interns, averages, overall: feedbackAverage(ratings) };
}
