import { describe, expect, it } from '@jest/globals';
import { NOTHING_SAID, type EvaluationSnapshot } from '../../evaluations/domain/evaluation.js';
import type { InternProgress } from '../../progress/domain/intern-progress.js';
import { noEvaluations } from '../../progress/domain/testing/progress-fixtures.js';
import { PRESENTATION_RUBRIC, PROGRAM_RUBRIC } from '../../rubrics/domain/default-rubrics.js';
import { cohortReport, mentorCalibration, netPromoterScore, rate, rubricAverages } from './cohort-report.js';

const scores = (...values: number[]) => values.map((score) => ({ score }));

describe('program NPS', () => {
  it('is % promoters (9–10) minus % detractors (0–6), passives (7–8) only in the count', () => {
    expect(netPromoterScore([10, 9, 8, 7, 6, 0])).toEqual({
      score: 0,
      responses: 6,
      promoters: 2,
      passives: 2,
      detractors: 2,
    });
    expect(netPromoterScore([10, 10, 9, 7])).toEqual({
      score: 75,
      responses: 4,
      promoters: 3,
      passives: 1,
      detractors: 0,
    });
    expect(netPromoterScore([9, 6, 6])).toEqual({
      score: -33.3,
      responses: 3,
      promoters: 1,
      passives: 0,
      detractors: 2,
    });
    expect(netPromoterScore([0, 1])).toMatchObject({ score: -100 });
    expect(netPromoterScore([9, 10, 8])).toMatchObject({ score: 66.7 });
    expect(netPromoterScore([])).toEqual({ score: null, responses: 0, promoters: 0, passives: 0, detractors: 0 });
  });
});

describe('mentor calibration', () => {
  it('compares each mentor’s mean score with the cohort’s mean over every score', () => {
    const result = mentorCalibration([
      { mentorId: 'lenient', scores: scores(5, 5, 4, 5) },
      { mentorId: 'lenient', scores: scores(4, 5, 5, 5) },
      { mentorId: 'harsh', scores: scores(2, 2, 3, 1) },
      { mentorId: 'fair', scores: scores(3, 4, 3, 4) },
    ]);
    // 16 scores: 38 + 8 + 14 = 60 → 3.75
    expect(result.cohortMean).toBe(3.75);
    expect(result.mentors).toEqual([
      { mentorId: 'harsh', evaluations: 1, scores: 4, meanScore: 2, difference: -1.75, tendency: 'HARSH' },
      { mentorId: 'lenient', evaluations: 2, scores: 8, meanScore: 4.75, difference: 1, tendency: 'LENIENT' },
      { mentorId: 'fair', evaluations: 1, scores: 4, meanScore: 3.5, difference: -0.25, tendency: 'ALIGNED' },
    ]);
  });

  it('uses 0.5 as the threshold either way, and rounds only what it shows', () => {
    const result = mentorCalibration([
      { mentorId: 'a', scores: scores(4) },
      { mentorId: 'b', scores: scores(3) },
    ]);
    expect(result.cohortMean).toBe(3.5);
    expect(result.mentors.map((m) => [m.mentorId, m.difference, m.tendency])).toEqual([
      ['a', 0.5, 'LENIENT'],
      ['b', -0.5, 'HARSH'],
    ]);
    const thirds = mentorCalibration([
      { mentorId: 'a', scores: scores(4, 4, 5) },
      { mentorId: 'b', scores: scores(4) },
    ]);
    expect(thirds.cohortMean).toBe(4.25);
    expect(thirds.mentors).toEqual([
      { mentorId: 'b', evaluations: 1, scores: 1, meanScore: 4, difference: -0.25, tendency: 'ALIGNED' },
      { mentorId: 'a', evaluations: 1, scores: 3, meanScore: 4.33, difference: 0.08, tendency: 'ALIGNED' },
    ]);
    expect(mentorCalibration([])).toEqual({ cohortMean: null, mentors: [] });
  });
});

describe('rates', () => {
  it('are fractions with three decimals, null without a denominator', () => {
    expect(rate(2, 3)).toBe(0.667);
    expect(rate(0, 4)).toBe(0);
    expect(rate(1, 0)).toBeNull();
  });
});

let n = 0;
function evaluation(
  e: Partial<EvaluationSnapshot> & Pick<EvaluationSnapshot, 'internId' | 'kind' | 'cycle'>,
): EvaluationSnapshot {
  const values = e.scores ?? PROGRAM_RUBRIC.criteria.map((c) => ({ competency: c.key, score: 3, comment: null }));
  return {
    id: `ev-${++n}`,
    cohortId: 'c-1',
    authorId: e.kind === 'SELF' ? e.internId : 'grace',
    averageScore: values.reduce((s, x) => s + x.score, 0) / values.length,
    ...NOTHING_SAID,
    submittedAt: new Date(0),
    updatedAt: new Date(0),
    revision: 1,
    recordedBy: { id: e.kind === 'SELF' ? e.internId : 'grace', role: e.kind === 'SELF' ? 'INTERN' : 'MENTOR' },
    ...e,
    scores: values,
  };
}

function progress(internId: string, p: Partial<InternProgress>): InternProgress {
  return {
    cohortId: 'c-1',
    internId,
    name: internId,
    enrollmentId: `e-${internId}`,
    enrollmentStatus: 'ACTIVE',
    cohort: { name: 'Summer', weeks: 12, currentWeek: 13, status: 'COMPLETED' },
    extensionWeeks: 0,
    primaryMentorId: 'grace',
    mentorIds: ['grace'],
    onboarding: { done: true, tasksCompleted: 5 },
    scope: { projectId: null, status: 'APPROVED', version: 1, approvedVersion: 1, overdue: false },
    checkIns: { logged: 9, missed: 1, missedWeeks: [4], lastWeek: 11, recentProgress: [] },
    milestoneReports: { onTime: 3, late: 1, missing: 0, missingMilestones: [], accepted: 4, revisionRequested: 0 },
    talks: { scheduled: 4, held: 4, attended: 4, rsvped: 4 },
    presentation: { slotId: null, scoreCount: 0, averageScore: null },
    evaluations: noEvaluations({ midpointDecision: 'CONTINUE' }),
    risk: { level: 'GREEN', reasons: [] },
    awaitingFinalOutcome: false,
    ...p,
  };
}

describe('cohort report', () => {
  it('averages each competency per cycle, for mentors and for the interns’ self-assessment', () => {
    const competency = (key: string, score: number) =>
      PROGRAM_RUBRIC.criteria.map((c) => ({ competency: c.key, score: c.key === key ? score : 3, comment: null }));
    const averages = rubricAverages(PROGRAM_RUBRIC, [
      evaluation({ internId: 'a', kind: 'MENTOR', cycle: 'MIDPOINT', scores: competency('OWNERSHIP', 2) }),
      evaluation({ internId: 'a', kind: 'MENTOR', cycle: 'FINAL', scores: competency('OWNERSHIP', 5) }),
      evaluation({ internId: 'b', kind: 'MENTOR', cycle: 'FINAL', scores: competency('OWNERSHIP', 4) }),
      evaluation({ internId: 'a', kind: 'SELF', cycle: 'FINAL', scores: competency('OWNERSHIP', 1) }),
    ]);
    expect(averages.find((a) => a.competency === 'OWNERSHIP')).toEqual({
      competency: 'OWNERSHIP',
      name: 'Ownership',
      average: 3.67,
      midpointAverage: 2,
      finalAverage: 4.5,
      selfAverage: 1,
      count: 3,
    });
  });

  it('puts outcomes, offers, NPS and the event-derived rates together', () => {
    const report = cohortReport({
      cohortId: 'c-1',
      programRubric: PROGRAM_RUBRIC,
      presentationRubric: PRESENTATION_RUBRIC,
      progress: [
        progress('a', { enrollmentStatus: 'COMPLETED' }),
        progress('b', { enrollmentStatus: 'COMPLETED' }),
        progress('c', { enrollmentStatus: 'TERMINATED', risk: { level: 'RED', reasons: ['x'] } }),
        progress('d', {
          extensionWeeks: 2,
          checkIns: { logged: 5, missed: 3, missedWeeks: [], lastWeek: 8, recentProgress: [] },
        }),
      ],
      evaluations: [
        evaluation({ internId: 'a', kind: 'MENTOR', cycle: 'FINAL', decision: 'PASS', returnOffer: 'STRONG_YES' }),
        evaluation({ internId: 'b', kind: 'MENTOR', cycle: 'FINAL', decision: 'FAIL', returnOffer: 'NO' }),
        evaluation({ internId: 'a', kind: 'SELF', cycle: 'FINAL', programNps: 10 }),
        evaluation({ internId: 'b', kind: 'SELF', cycle: 'FINAL', programNps: 5 }),
        evaluation({ internId: 'd', kind: 'SELF', cycle: 'MIDPOINT' }),
      ],
      presentationScores: [
        {
          mentorId: 'grace',
          averageScore: 4,
          scores: PRESENTATION_RUBRIC.criteria.map((c) => ({ criterion: c.key, score: 4 })),
        },
        {
          mentorId: 'alan',
          averageScore: 3,
          scores: PRESENTATION_RUBRIC.criteria.map((c) => ({ criterion: c.key, score: 3 })),
        },
      ],
    });
    expect(report).toMatchObject({
      cohortName: 'Summer',
      interns: 4,
      inProgram: 1,
      completed: 2,
      terminated: 1,
      extended: 1,
      passed: 1,
      failed: 1,
      completionRate: 0.5,
      passRate: 0.5,
      returnOffers: {
        strongYes: 1,
        yes: 0,
        no: 1,
        recommended: 1,
        recommendationRate: 0.5,
        extended: 0,
        accepted: 0,
        declined: 0,
        acceptanceRate: null,
      },
      programNps: { score: 0, responses: 2, promoters: 1, detractors: 1 },
      checkIns: { logged: 32, missed: 6, rate: 0.842 },
      milestoneReports: { onTime: 12, late: 4, missing: 0, onTimeRate: 0.75 },
      risk: { green: 3, amber: 0, red: 1 },
      presentation: { averageScore: 3.5, panelCount: 2 },
    });
    expect(report.presentation.criteria[0]).toEqual({ criterion: 'CLARITY', name: 'Clarity', average: 3.5, count: 2 });
    expect(report.panelCalibration.mentors.map((m) => [m.mentorId, m.tendency])).toEqual([
      ['alan', 'HARSH'],
      ['grace', 'LENIENT'],
    ]);
  });

  it('counts the interns awaiting their final outcome, and calibrates mentors on their own scores only', () => {
    const report = cohortReport({
      cohortId: 'c-1',
      programRubric: PROGRAM_RUBRIC,
      presentationRubric: PRESENTATION_RUBRIC,
      progress: [
        progress('a', { awaitingFinalOutcome: true }),
        progress('b', { awaitingFinalOutcome: true }),
        progress('c', { awaitingFinalOutcome: false }),
      ],
      evaluations: [
        // Recorded by a program manager for grace, not yet seen by the read model: no longer awaited.
        evaluation({
          internId: 'b',
          kind: 'MENTOR',
          cycle: 'FINAL',
          decision: 'PASS',
          returnOffer: 'YES',
          scores: PROGRAM_RUBRIC.criteria.map((c) => ({ competency: c.key, score: 1, comment: null })),
          recordedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' },
        }),
        evaluation({ internId: 'c', kind: 'MENTOR', cycle: 'MIDPOINT', decision: 'CONTINUE' }),
      ],
      presentationScores: [],
    });
    expect(report.awaitingFinalOutcome).toBe(1);
    expect(report.mentorCalibration).toMatchObject({ cohortMean: 3, mentors: [{ mentorId: 'grace', evaluations: 1 }] });
  });
});
