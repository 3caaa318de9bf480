import { describe, expect, it } from '@jest/globals';
import type { ProgressWithoutRisk } from './intern-progress.js';
import { assessRisk } from './risk-rules.js';
import { noEvaluations } from './testing/progress-fixtures.js';

/** An intern in week 5 with everything in order. */
function onTrack(overrides: Partial<ProgressWithoutRisk> = {}): ProgressWithoutRisk {
  return {
    cohortId: 'c-1',
    internId: 'ada',
    name: 'Ada',
    enrollmentId: 'e-1',
    enrollmentStatus: 'ACTIVE',
    cohort: { name: 'Summer', weeks: 12, currentWeek: 5, status: 'IN_PROGRESS' },
    extensionWeeks: 0,
    primaryMentorId: 'grace',
    mentorIds: ['grace'],
    onboarding: { done: true, tasksCompleted: 5 },
    scope: { projectId: 'p-1', status: 'APPROVED', version: 1, approvedVersion: 1, overdue: false },
    checkIns: { logged: 4, missed: 0, missedWeeks: [], lastWeek: 4, recentProgress: ['ON_TRACK', 'ON_TRACK'] },
    milestoneReports: { onTime: 1, late: 0, missing: 0, missingMilestones: [], accepted: 1, revisionRequested: 0 },
    talks: { scheduled: 3, held: 2, attended: 2, rsvped: 2 },
    presentation: { slotId: null, scoreCount: 0, averageScore: null },
    evaluations: noEvaluations(),
    awaitingFinalOutcome: false,
    ...overrides,
  };
}

const missed = (weeks: number[]) => ({
  checkIns: {
    logged: 4 - weeks.length,
    missed: weeks.length,
    missedWeeks: weeks,
    lastWeek: 2,
    recentProgress: ['ON_TRACK'],
  },
});
const overdue = (n: number) => ({
  milestoneReports: {
    onTime: 0,
    late: 0,
    missing: n,
    missingMilestones: Array.from({ length: n }, (_, i) => ({
      milestoneId: `m-${i + 1}`,
      title: i === 0 ? 'Baseline model' : null,
      dueWeek: 4 + i,
    })),
    accepted: 0,
    revisionRequested: 0,
  },
});

describe('risk rules', () => {
  it('GREEN with no reasons when everything is in order', () => {
    expect(assessRisk(onTrack())).toEqual({ level: 'GREEN', reasons: [] });
  });

  it('one or two missed check-ins alone are AMBER', () => {
    expect(assessRisk(onTrack(missed([3])))).toEqual({ level: 'AMBER', reasons: ['1 check-in missed (week 3)'] });
    expect(assessRisk(onTrack(missed([3, 4])))).toEqual({
      level: 'AMBER',
      reasons: ['2 check-ins missed (weeks 3 and 4)'],
    });
  });

  it('three missed check-ins are RED', () => {
    expect(assessRisk(onTrack(missed([2, 3, 4])))).toEqual({
      level: 'RED',
      reasons: ['3 check-ins missed (weeks 2, 3 and 4)'],
    });
  });

  it('two missed check-ins and an overdue milestone report are RED, with both reasons', () => {
    expect(assessRisk(onTrack({ ...missed([3, 4]), ...overdue(1) }))).toEqual({
      level: 'RED',
      reasons: ['2 check-ins missed (weeks 3 and 4)', '1 milestone report overdue: “Baseline model” (due week 4)'],
    });
  });

  it('one overdue milestone report is AMBER, two are RED', () => {
    expect(assessRisk(onTrack(overdue(1))).level).toBe('AMBER');
    expect(assessRisk(onTrack(overdue(2)))).toEqual({
      level: 'RED',
      reasons: ['2 milestone reports overdue: “Baseline model” (due week 4), milestone m-2 (due week 5)'],
    });
  });

  it('an overdue scope is AMBER, RED once week 4 has started without approval', () => {
    const scope = { projectId: 'p-1', status: 'SUBMITTED' as const, version: 1, approvedVersion: null, overdue: true };
    expect(
      assessRisk(onTrack({ scope, cohort: { name: null, weeks: 12, currentWeek: 3, status: 'IN_PROGRESS' } })),
    ).toEqual({
      level: 'AMBER',
      reasons: ['the project scope is overdue (due at the end of week 2) and not approved yet'],
    });
    expect(assessRisk(onTrack({ scope })).reasons).toEqual([
      'the project scope was due at the end of week 2 and is still not approved in week 5',
    ]);
  });

  it('reads the latest check-ins: AT_RISK or OFF_TRACK is AMBER, two OFF_TRACK in a row are RED', () => {
    const progress = (recentProgress: string[]) => ({
      checkIns: { logged: 4, missed: 0, missedWeeks: [], lastWeek: 4, recentProgress },
    });
    expect(assessRisk(onTrack(progress(['AT_RISK', 'ON_TRACK'])))).toEqual({
      level: 'AMBER',
      reasons: ['the latest check-in (week 4) rated the intern AT_RISK'],
    });
    expect(assessRisk(onTrack(progress(['OFF_TRACK', 'ON_TRACK']))).level).toBe('AMBER');
    expect(assessRisk(onTrack(progress(['OFF_TRACK', 'OFF_TRACK'])))).toEqual({
      level: 'RED',
      reasons: ['the last two check-ins rated the intern OFF_TRACK'],
    });
  });

  it('flags onboarding not done and no primary mentor from week 2, and poor talk attendance', () => {
    const p = onTrack({
      cohort: { name: null, weeks: 12, currentWeek: 2, status: 'IN_PROGRESS' },
      onboarding: { done: false, tasksCompleted: 3 },
      primaryMentorId: null,
      mentorIds: [],
      talks: { scheduled: 4, held: 4, attended: 1, rsvped: 4 },
    });
    expect(assessRisk(p)).toEqual({
      level: 'AMBER',
      reasons: [
        'onboarding not completed in week 2 (3 tasks done)',
        'no primary mentor assigned in week 2',
        'attended 1 of 4 tech talks held',
      ],
    });
    expect(
      assessRisk({
        ...p,
        cohort: { ...p.cohort, currentWeek: 1 },
        talks: { scheduled: 4, held: 1, attended: 0, rsvped: 0 },
      }),
    ).toEqual({
      level: 'GREEN',
      reasons: [],
    });
  });

  it('reads the evaluations: a low mentor average, EXTEND and TERMINATE', () => {
    const evals = (e: Partial<ProgressWithoutRisk['evaluations']>) => ({
      evaluations: { ...onTrack().evaluations, ...e },
    });
    expect(assessRisk(onTrack(evals({ mentorMidpointAverage: 2.83 })))).toEqual({
      level: 'AMBER',
      reasons: ["the primary mentor's midpoint evaluation averages 2.83 of 5"],
    });
    expect(assessRisk(onTrack(evals({ mentorMidpointAverage: 2.17 }))).level).toBe('RED');
    expect(assessRisk(onTrack(evals({ mentorMidpointAverage: 2.17, mentorFinalAverage: 3.5 }))).level).toBe('GREEN');
    expect(assessRisk(onTrack(evals({ midpointDecision: 'EXTEND', midpointExtensionWeeks: 2 })))).toEqual({
      level: 'AMBER',
      reasons: ['the internship was extended at the midpoint by 2 weeks'],
    });
    expect(assessRisk(onTrack(evals({ midpointDecision: 'TERMINATE' }))).level).toBe('RED');
  });

  it('shows the outcome once the enrollment ended', () => {
    const bad = { ...missed([2, 3, 4]), ...overdue(2) };
    expect(
      assessRisk(
        onTrack({
          ...bad,
          enrollmentStatus: 'COMPLETED',
          evaluations: { ...onTrack().evaluations, finalOutcome: 'PASS' },
        }),
      ),
    ).toEqual({
      level: 'GREEN',
      reasons: [],
    });
    expect(
      assessRisk(
        onTrack({ enrollmentStatus: 'COMPLETED', evaluations: { ...onTrack().evaluations, finalOutcome: 'FAIL' } }),
      ),
    ).toEqual({
      level: 'RED',
      reasons: ['completed the program with the final outcome FAIL'],
    });
    expect(assessRisk(onTrack({ enrollmentStatus: 'TERMINATED' })).level).toBe('RED');
    expect(assessRisk(onTrack({ ...bad, enrollmentStatus: 'WITHDRAWN' }))).toEqual({
      level: 'AMBER',
      reasons: ['withdrew from the program'],
    });
  });

  it('lists RED reasons before AMBER ones', () => {
    const p = onTrack({ ...missed([2, 3, 4]), onboarding: { done: false, tasksCompleted: 0 } });
    expect(assessRisk(p).reasons).toEqual([
      '3 check-ins missed (weeks 2, 3 and 4)',
      'onboarding not completed in week 5 (0 tasks done)',
    ]);
  });
});
