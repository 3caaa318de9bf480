import type { EvaluationSnapshot } from '../../evaluations/domain/evaluation.js';
import { summarizePresentation, type PresentationSummary } from '../../presentations/domain/presentation-scores.js';
import type { InternProgress } from '../../progress/domain/intern-progress.js';
import { mean, round2 } from '../../progress/domain/intern-progress.js';
import type { Rubric } from '../../rubrics/domain/rubric.js';

/** Net Promoter Score: % promoters (9–10) minus % detractors (0–6), from −100 to 100, one decimal. */
export interface NpsResult {
  score: number | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export function netPromoterScore(answers: readonly number[]): NpsResult {
  const promoters = answers.filter((a) => a >= 9).length;
  const detractors = answers.filter((a) => a <= 6).length;
  const responses = answers.length;
  return {
    score: responses ? Math.round(((promoters - detractors) / responses) * 1000) / 10 : null,
    responses,
    promoters,
    passives: responses - promoters - detractors,
    detractors,
  };
}

/** A fraction from 0 to 1 with three decimals; null when there is nothing to divide. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 1000) / 1000 : null;
}

export type OfferStatus = 'EXTENDED' | 'ACCEPTED' | 'DECLINED';

/** An intern's return offer as the cohorts service last recorded it. */
export interface OfferDecision {
  cohortId: string;
  internId: string;
  status: OfferStatus;
  recommendation: string | null;
}

/** Offers counted for a report: every offer made (extended, whatever became of it), accepted, declined. */
export interface OfferCounts {
  extended: number;
  accepted: number;
  declined: number;
  /** Accepted of the offers decided (accepted + declined), 0–1; null while none is decided. */
  acceptanceRate: number | null;
}

export function offerCounts(offers: readonly Pick<OfferDecision, 'status'>[]): OfferCounts {
  const accepted = offers.filter((o) => o.status === 'ACCEPTED').length;
  const declined = offers.filter((o) => o.status === 'DECLINED').length;
  return { extended: offers.length, accepted, declined, acceptanceRate: rate(accepted, accepted + declined) };
}

export type Tendency = 'LENIENT' | 'HARSH' | 'ALIGNED';

export interface MentorCalibrationRow {
  mentorId: string;
  /** Evaluations (or presentations) the mentor scored. */
  evaluations: number;
  /** Individual scores given. */
  scores: number;
  meanScore: number;
  /** The mentor's mean minus the cohort's, two decimals. */
  difference: number;
  tendency: Tendency;
}

export interface Calibration {
  /** Mean of every score given in the cohort; null when none. */
  cohortMean: number | null;
  mentors: MentorCalibrationRow[];
}

/** A mentor whose mean is this far (or more) above the cohort's is LENIENT, below it HARSH. */
export const CALIBRATION_THRESHOLD = 0.5;

/**
 * Mentor calibration: each mentor's mean score against the cohort's mean, over every individual
 * score (so a mentor who scored more is weighted by it in the cohort mean). Sorted by how far the
 * mentor is from the cohort, then by id.
 */
export function mentorCalibration(
  scored: readonly { mentorId: string; scores: readonly { score: number }[] }[],
  threshold = CALIBRATION_THRESHOLD,
): Calibration {
  const all = scored.flatMap((s) => s.scores.map((x) => x.score));
  if (all.length === 0) return { cohortMean: null, mentors: [] };
  const cohortMean = all.reduce((a, b) => a + b, 0) / all.length;
  const byMentor = new Map<string, { evaluations: number; scores: number[] }>();
  for (const s of scored) {
    const m = byMentor.get(s.mentorId) ?? { evaluations: 0, scores: [] };
    m.evaluations++;
    m.scores.push(...s.scores.map((x) => x.score));
    byMentor.set(s.mentorId, m);
  }
  const mentors = [...byMentor]
    .filter(([, m]) => m.scores.length > 0)
    .map(([mentorId, m]): MentorCalibrationRow => {
      const meanScore = m.scores.reduce((a, b) => a + b, 0) / m.scores.length;
      const difference = meanScore - cohortMean;
      return {
        mentorId,
        evaluations: m.evaluations,
        scores: m.scores.length,
        meanScore: round2(meanScore),
        difference: round2(difference),
        tendency: difference >= threshold ? 'LENIENT' : difference <= -threshold ? 'HARSH' : 'ALIGNED',
      };
    })
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.mentorId.localeCompare(b.mentorId));
  return { cohortMean: round2(cohortMean), mentors };
}

export interface CompetencyAverage {
  competency: string;
  name: string;
  /** Over every mentor evaluation (both cycles). */
  average: number | null;
  midpointAverage: number | null;
  finalAverage: number | null;
  /** Interns' self-assessment, both cycles. */
  selfAverage: number | null;
  count: number;
}

/** Mean score per competency of the cohort's program rubric, from the mentors' (and the interns' own) evaluations. */
export function rubricAverages(rubric: Rubric, evaluations: readonly EvaluationSnapshot[]): CompetencyAverage[] {
  const scoresOf = (filter: (e: EvaluationSnapshot) => boolean, key: string) =>
    evaluations.filter(filter).flatMap((e) => e.scores.filter((s) => s.competency === key).map((s) => s.score));
  return rubric.criteria.map((c) => {
    const mentor = scoresOf((e) => e.kind === 'MENTOR', c.key);
    return {
      competency: c.key,
      name: c.name,
      average: mean(mentor),
      midpointAverage: mean(scoresOf((e) => e.kind === 'MENTOR' && e.cycle === 'MIDPOINT', c.key)),
      finalAverage: mean(scoresOf((e) => e.kind === 'MENTOR' && e.cycle === 'FINAL', c.key)),
      selfAverage: mean(scoresOf((e) => e.kind === 'SELF', c.key)),
      count: mentor.length,
    };
  });
}

export interface CohortReport {
  cohortId: string;
  cohortName: string | null;
  currentWeek: number;
  interns: number;
  inProgram: number;
  completed: number;
  terminated: number;
  withdrawn: number;
  extended: number;
  /** Still enrolled after their own program ended, with no final outcome recorded (SPEC §7). */
  awaitingFinalOutcome: number;
  passed: number;
  failed: number;
  /** Completed (either outcome) of the interns enrolled. */
  completionRate: number | null;
  /** PASS of the final outcomes recorded. */
  passRate: number | null;
  /** Recommendations from the final evaluations; offers extended / accepted / declined as the cohorts service recorded them. */
  returnOffers: {
    strongYes: number;
    yes: number;
    no: number;
    recommended: number;
    recommendationRate: number | null;
  } & OfferCounts;
  rubricAverages: CompetencyAverage[];
  presentation: PresentationSummary;
  mentorCalibration: Calibration;
  panelCalibration: Calibration;
  programNps: NpsResult;
  checkIns: { logged: number; missed: number; rate: number | null };
  milestoneReports: { onTime: number; late: number; missing: number; onTimeRate: number | null };
  risk: { green: number; amber: number; red: number };
}

export interface CohortReportInput {
  cohortId: string;
  programRubric: Rubric;
  presentationRubric: Rubric;
  /** The progress read model's rows of the cohort (built from events). */
  progress: readonly InternProgress[];
  /** The cohort's evaluations (this service's own records). */
  evaluations: readonly EvaluationSnapshot[];
  presentationScores: readonly {
    mentorId: string;
    scores: { criterion: string; score: number }[];
    averageScore: number;
  }[];
  /** The return offers recorded (ReturnOfferDecided), one per intern: the latest decision. */
  offers?: readonly { status: OfferStatus }[];
}

/**
 * The cohort report: enrollment outcomes and the check-in and report rates from the progress read
 * model; decisions, return offers, rubric averages, calibration and NPS from the evaluations.
 */
export function cohortReport(input: CohortReportInput): CohortReport {
  const { progress, evaluations } = input;
  const finals = evaluations.filter((e) => e.kind === 'MENTOR' && e.cycle === 'FINAL');
  const finalByIntern = new Map(finals.map((e) => [e.internId, e]));
  // An outcome the cohorts service recorded (InternCompleted) counts even without a final evaluation here.
  const outcomes = new Map<string, string>();
  for (const p of progress) if (p.evaluations.finalOutcome) outcomes.set(p.internId, p.evaluations.finalOutcome);
  for (const [internId, e] of finalByIntern) outcomes.set(internId, e.decision!);
  const passed = [...outcomes.values()].filter((o) => o === 'PASS').length;
  const failed = [...outcomes.values()].filter((o) => o === 'FAIL').length;
  const offers = (o: string) => finals.filter((e) => e.returnOffer === o).length;
  const strongYes = offers('STRONG_YES');
  const yes = offers('YES');
  const count = (status: string) => progress.filter((p) => p.enrollmentStatus === status).length;
  const completed = count('COMPLETED');
  const logged = progress.reduce((s, p) => s + p.checkIns.logged, 0);
  const missed = progress.reduce((s, p) => s + p.checkIns.missed, 0);
  const onTime = progress.reduce((s, p) => s + p.milestoneReports.onTime, 0);
  const late = progress.reduce((s, p) => s + p.milestoneReports.late, 0);
  const missing = progress.reduce((s, p) => s + p.milestoneReports.missing, 0);
  const interns = progress.length;
  return {
    cohortId: input.cohortId,
    cohortName: progress[0]?.cohort.name ?? null,
    currentWeek: progress.reduce((w, p) => Math.max(w, p.cohort.currentWeek), 0),
    interns,
    inProgram: progress.filter((p) => ['ENROLLED', 'ONBOARDING', 'ACTIVE'].includes(p.enrollmentStatus)).length,
    completed,
    terminated: count('TERMINATED'),
    withdrawn: count('WITHDRAWN'),
    extended: progress.filter((p) => p.extensionWeeks > 0).length,
    awaitingFinalOutcome: progress.filter((p) => p.awaitingFinalOutcome === true && !finalByIntern.has(p.internId))
      .length,
    passed,
    failed,
    completionRate: rate(completed, interns),
    passRate: rate(passed, passed + failed),
    returnOffers: {
      strongYes,
      yes,
      no: offers('NO'),
      recommended: strongYes + yes,
      recommendationRate: rate(strongYes + yes, finals.length),
      ...offerCounts(input.offers ?? []),
    },
    rubricAverages: rubricAverages(input.programRubric, evaluations),
    presentation: summarizePresentation(input.presentationRubric, input.presentationScores),
    mentorCalibration: mentorCalibration(
      // A mentor is calibrated on the scores they gave: not those a program manager recorded for them.
      evaluations
        .filter((e) => e.kind === 'MENTOR' && e.recordedBy?.role !== 'PROGRAM_MANAGER')
        .map((e) => ({ mentorId: e.authorId, scores: e.scores })),
    ),
    panelCalibration: mentorCalibration(input.presentationScores),
    programNps: netPromoterScore(
      evaluations
        .filter((e) => e.kind === 'SELF' && e.cycle === 'FINAL' && e.programNps !== null)
        .map((e) => e.programNps!),
    ),
    checkIns: { logged, missed, rate: rate(logged, logged + missed) },
    milestoneReports: { onTime, late, missing, onTimeRate: rate(onTime, onTime + late + missing) },
    risk: {
      green: progress.filter((p) => p.risk.level === 'GREEN').length,
      amber: progress.filter((p) => p.risk.level === 'AMBER').length,
      red: progress.filter((p) => p.risk.level === 'RED').length,
    },
  };
}
