import { describe, expect, it } from '@jest/globals';
import {
  CheckInLoggedV1,
  CheckInMissedV1,
  CheckInMissedV2,
  CohortCompletedV1,
  CohortScheduledV1,
  CohortUpdatedV1,
  CohortWeekStartedV1,
  EvaluationSubmittedV1,
  FinalOutcomeRecordedV1,
  InternEnrolledV1,
  InternReinstatedV1,
  InternshipExtendedV1,
  InternshipExtensionRefusedV1,
  InternshipExtensionRevokedV1,
  InternWithdrawnV1,
  MentorAssignedV1,
  MentorUnassignedV1,
  MidpointDecisionMadeV1,
  MilestoneOverdueV1,
  MilestoneReportSubmittedV1,
  OnboardingCompletedV1,
  PresentationBookingCancelledV1,
  PresentationSlotBookedV1,
  ProjectScopeApprovedV1,
  ProjectScopeApprovedV2,
  ProjectScopeChangesRequestedV2,
  ProjectScopeSubmittedV1,
  TechTalkAttendedV1,
  TechTalkScheduledV1,
} from '#contracts';
import { factsFromEvent, type SourceEvent } from '../projection/event-facts.js';
import { deriveProgress } from './derive-progress.js';
import { byOccurrence, COHORT_WIDE, type Fact } from './facts.js';

let seq = 0;
/** An event at minute `minute` of a fixed day (ids in the same order as the times). */
function ev(contract: { type: string }, data: unknown, minute = ++seq): SourceEvent {
  return {
    id: `00000000-0000-4000-8000-${String(minute).padStart(12, '0')}`,
    type: contract.type,
    time: new Date(Date.UTC(2027, 5, 7, 9, minute)).toISOString(),
    data,
  };
}

/** The fact store's semantics in memory: one fact per key, the later (time, id) wins. */
function store(events: SourceEvent[]): Map<string, Fact> {
  const facts = new Map<string, Fact>();
  for (const e of events) {
    for (const f of factsFromEvent(e)?.facts ?? []) {
      const key = `${f.cohortId}|${f.internId}|${f.kind}|${f.key}`;
      const old = facts.get(key);
      if (!old || byOccurrence(f, old) > 0) facts.set(key, f);
    }
  }
  return facts;
}

function derive(events: SourceEvent[], internId = 'ada') {
  const facts = [...store(events).values()];
  return deriveProgress(
    facts.filter((f) => f.internId === COHORT_WIDE),
    facts.filter((f) => f.internId === internId),
  );
}

const cohortId = 'c-1';
const base = { cohortId, internId: 'ada' };

/** Grace's MIDPOINT evaluation of Ada (ev-1), as submitted or edited. */
const graceMidpoint = (averageScore: number) =>
  ev(EvaluationSubmittedV1, {
    ...base,
    evaluationId: 'ev-1',
    authorId: 'grace',
    kind: 'MENTOR',
    cycle: 'MIDPOINT',
    averageScore,
  });

const scenario: SourceEvent[] = [
  ev(CohortScheduledV1, {
    cohortId,
    name: 'Summer',
    startDate: '2027-06-07',
    weeks: 12,
    timezone: 'Europe/Berlin',
    location: 'Berlin',
    workMode: 'HYBRID',
    capacity: 10,
    scheduledBy: 'pm',
  }),
  ev(InternEnrolledV1, {
    ...base,
    enrollmentId: 'e-1',
    name: 'Ada',
    email: 'ada@example.com',
    university: 'TU',
    degreeLevel: 'MASTERS',
    focusAreas: [],
    timezone: 'Europe/Berlin',
  }),
  ...[1, 2, 3, 4, 5].map((week) =>
    ev(CohortWeekStartedV1, {
      cohortId,
      week,
      startsOn: '2027-06-07',
      endsOn: '2027-06-13',
      phase: 'BUILD',
      weeks: 12,
    }),
  ),
  ev(MentorAssignedV1, {
    ...base,
    assignmentId: 'a-1',
    mentorId: 'grace',
    role: 'PRIMARY',
    assignedAt: '2027-06-07T10:00:00.000Z',
  }),
  ev(MentorAssignedV1, {
    ...base,
    assignmentId: 'a-2',
    mentorId: 'alan',
    role: 'CO_MENTOR',
    assignedAt: '2027-06-07T10:00:00.000Z',
  }),
  ev(MentorUnassignedV1, { ...base, assignmentId: 'a-2', mentorId: 'alan', role: 'CO_MENTOR', reason: 'moved' }),
  ev(OnboardingCompletedV1, { ...base, enrollmentId: 'e-1', completedAt: '2027-06-08T10:00:00.000Z' }),
  ev(ProjectScopeSubmittedV1, { ...base, projectId: 'p-1', version: 1, primaryMentorId: 'grace' }),
  ev(ProjectScopeApprovedV1, {
    ...base,
    projectId: 'p-1',
    version: 1,
    mentorId: 'grace',
    milestones: [
      { milestoneId: 'm-1', title: 'Baseline model', dueWeek: 4 },
      { milestoneId: 'm-2', title: 'Offline evaluation', dueWeek: 5 },
    ],
  }),
  ev(CheckInLoggedV1, {
    ...base,
    checkInId: 'ci-1',
    mentorId: 'grace',
    occurredOn: '2027-06-08',
    week: 1,
    durationMinutes: 30,
    format: 'VIDEO',
    progress: 'ON_TRACK',
    blockerCount: 0,
  }),
  ev(CheckInMissedV1, { ...base, mentorId: 'grace', week: 2 }),
  ev(CheckInMissedV1, { ...base, mentorId: 'grace', week: 3 }),
  ev(CheckInMissedV1, { ...base, mentorId: 'grace', week: 4 }),
  // Week 4's check-in was logged late: it no longer counts as missed.
  ev(CheckInLoggedV1, {
    ...base,
    checkInId: 'ci-4',
    mentorId: 'grace',
    occurredOn: '2027-07-01',
    week: 4,
    durationMinutes: 30,
    format: 'VIDEO',
    progress: 'AT_RISK',
    blockerCount: 1,
  }),
  ev(MilestoneOverdueV1, { ...base, milestoneId: 'm-1', projectId: 'p-1', dueWeek: 4 }),
  ev(MilestoneOverdueV1, { ...base, milestoneId: 'm-2', projectId: 'p-1', dueWeek: 5 }),
  ev(MilestoneReportSubmittedV1, {
    ...base,
    reportId: 'r-2',
    milestoneId: 'm-2',
    projectId: 'p-1',
    dueWeek: 5,
    late: true,
    submittedAt: '2027-07-12T10:00:00.000Z',
  }),
  ev(TechTalkScheduledV1, {
    cohortId,
    talkId: 't-1',
    title: 'Talk',
    speaker: 'S',
    startsAt: '2027-06-10T15:00:00.000Z',
    durationMinutes: 60,
  }),
  ev(TechTalkAttendedV1, { ...base, talkId: 't-1' }),
  ev(PresentationSlotBookedV1, {
    ...base,
    slotId: 's-1',
    startsAt: '2027-08-23T09:00:00.000Z',
    panelMentorIds: ['grace'],
  }),
  ev(PresentationBookingCancelledV1, { ...base, slotId: 's-1' }),
  ev(PresentationSlotBookedV1, {
    ...base,
    slotId: 's-2',
    startsAt: '2027-08-24T09:00:00.000Z',
    panelMentorIds: ['grace'],
  }),
  graceMidpoint(3.5),
  // An edit of the same evaluation: the later one wins.
  graceMidpoint(2.83),
  ev(MidpointDecisionMadeV1, {
    ...base,
    evaluationId: 'ev-1',
    mentorId: 'grace',
    decision: 'EXTEND',
    extensionWeeks: 2,
  }),
];

function shuffled<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('deriving an intern’s progress from events', () => {
  it('has no row until the enrollment is known', () => {
    expect(derive([ev(CheckInMissedV1, { ...base, mentorId: 'grace', week: 2 })])).toBeUndefined();
  });

  it('builds the whole row from the events', () => {
    const row = derive(scenario)!;
    expect(row).toMatchObject({
      cohortId,
      internId: 'ada',
      name: 'Ada',
      enrollmentStatus: 'ACTIVE',
      cohort: { name: 'Summer', weeks: 12, currentWeek: 5, status: 'IN_PROGRESS' },
      primaryMentorId: 'grace',
      mentorIds: ['grace'],
      onboarding: { done: true, tasksCompleted: 0 },
      scope: { projectId: 'p-1', status: 'APPROVED', version: 1, approvedVersion: 1, overdue: false },
      checkIns: { logged: 2, missed: 2, missedWeeks: [2, 3], lastWeek: 4, recentProgress: ['AT_RISK', 'ON_TRACK'] },
      milestoneReports: {
        onTime: 0,
        late: 1,
        missing: 1,
        missingMilestones: [{ milestoneId: 'm-1', title: 'Baseline model', dueWeek: 4 }],
      },
      talks: { scheduled: 1, held: 1, attended: 1, rsvped: 0 },
      presentation: { slotId: 's-2' },
      evaluations: { midpointDecision: 'EXTEND', midpointExtensionWeeks: 2, mentorMidpointAverage: 2.83 },
    });
    expect(row.risk).toEqual({
      level: 'RED',
      reasons: [
        '2 check-ins missed (weeks 2 and 3)',
        '1 milestone report overdue: “Baseline model” (due week 4)',
        'the latest check-in (week 4) rated the intern AT_RISK',
        "the primary mentor's midpoint evaluation averages 2.83 of 5",
        'the internship was extended at the midpoint by 2 weeks',
      ],
    });
  });

  it('comes out the same whatever order the events are consumed in, and with duplicates', () => {
    const expected = derive(scenario);
    for (let seed = 1; seed <= 25; seed++) {
      const events = shuffled([...scenario, ...scenario.slice(0, 5)], seed);
      expect(derive(events)).toEqual(expected);
    }
  });

  it('never reads the wall clock: the same events give the same row at any time', () => {
    const first = JSON.stringify(derive(scenario));
    const realNow = Date.now;
    Date.now = () => realNow() + 365 * 86_400_000;
    try {
      expect(JSON.stringify(derive(scenario))).toBe(first);
    } finally {
      Date.now = realNow;
    }
  });
});

describe('the off-path events (SPEC §7)', () => {
  const enrolled = scenario.slice(0, 2);
  const week = (w: number) =>
    ev(CohortWeekStartedV1, {
      cohortId,
      week: w,
      startsOn: '2027-06-07',
      endsOn: '2027-06-13',
      phase: 'BUILD',
      weeks: 12,
    });
  const decision = (d: 'CONTINUE' | 'EXTEND', revision: number) =>
    ev(MidpointDecisionMadeV1, {
      ...base,
      evaluationId: 'ev-1',
      mentorId: 'grace',
      decision: d,
      extensionWeeks: d === 'EXTEND' ? 2 : null,
      revision,
      recordedBy: { id: 'grace', role: 'MENTOR' },
    });
  const extended = ev(InternshipExtendedV1, {
    ...base,
    enrollmentId: 'e-1',
    weeks: 2,
    totalExtensionWeeks: 2,
    programWeeks: 14,
    newEndDate: '2027-09-12',
    reason: 'midpoint',
    source: 'MIDPOINT_DECISION',
  });
  const revoked = () =>
    ev(InternshipExtensionRevokedV1, {
      ...base,
      enrollmentId: 'e-1',
      revokedWeeks: 2,
      extensions: [],
      totalExtensionWeeks: 0,
      programWeeks: 12,
      newEndDate: '2027-08-29',
      presentationsWeek: { startsOn: '2027-08-23', endsOn: '2027-08-29' },
      finalEvaluationsDue: '2027-08-29',
      reason: 'corrected to CONTINUE',
    });

  it('a corrected decision ends on the latest revision, and a revocation takes the extension back', () => {
    const row = derive([...enrolled, decision('EXTEND', 1), extended, decision('CONTINUE', 2), revoked()])!;
    expect(row.evaluations).toMatchObject({ midpointDecision: 'CONTINUE', midpointExtensionWeeks: null });
    expect(row.extensionWeeks).toBe(0);
    // An extension granted after the revocation counts again.
    const revocation = revoked();
    const again = ev(InternshipExtendedV1, {
      ...InternshipExtendedV1.schema.parse(extended.data),
      totalExtensionWeeks: 1,
      weeks: 1,
    });
    expect(derive([...enrolled, extended, revocation, again])!.extensionWeeks).toBe(1);
  });

  it('CohortUpdated replaces the cohort’s name and weeks', () => {
    const updated = ev(CohortUpdatedV1, {
      cohortId,
      name: 'Summer 2027',
      startDate: '2027-06-14',
      weeks: 14,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 12,
      changed: ['name', 'startDate', 'weeks'],
      updatedBy: 'pm',
    });
    expect(derive([...enrolled, updated])!.cohort).toMatchObject({ name: 'Summer 2027', weeks: 14 });
  });

  it('a reinstated intern is enrolled again; a later withdrawal ends it again', () => {
    const withdrawn = ev(InternWithdrawnV1, { ...base, enrollmentId: 'e-1', reason: 'left' });
    const reinstated = ev(InternReinstatedV1, { ...base, enrollmentId: 'e-1', reason: 'back', reinstatedBy: 'pm' });
    expect(derive([...enrolled, week(1), withdrawn])!.enrollmentStatus).toBe('WITHDRAWN');
    expect(derive([...enrolled, week(1), withdrawn, reinstated])!.enrollmentStatus).toBe('ONBOARDING');
    const again = ev(InternWithdrawnV1, { ...base, enrollmentId: 'e-1', reason: 'left again' });
    expect(derive([...enrolled, week(1), withdrawn, reinstated, again])!.enrollmentStatus).toBe('WITHDRAWN');
  });

  it('a refused extension is shown until the decision is corrected', () => {
    const extend = decision('EXTEND', 1);
    const refused = ev(InternshipExtensionRefusedV1, {
      ...base,
      evaluationId: 'ev-1',
      mentorId: 'grace',
      requestedWeeks: 2,
      totalExtensionWeeks: 4,
      reason: 'over the 5-week total',
    });
    const row = derive([...enrolled, extend, refused])!;
    expect(row.evaluations.extensionRefused).toEqual({ requestedWeeks: 2, reason: 'over the 5-week total' });
    expect(row.risk.reasons).toContain('the midpoint extension by 2 weeks was not applied: over the 5-week total');
    const corrected = decision('CONTINUE', 2);
    expect(derive([...enrolled, extend, refused, corrected])!.evaluations.extensionRefused).toBeNull();
  });

  it('v2 scope and check-in events count like v1', () => {
    const changes = ev(ProjectScopeChangesRequestedV2, {
      ...base,
      projectId: 'p-1',
      version: 1,
      mentorId: 'grace',
      requestedBy: { id: 'grace', role: 'MENTOR' },
      feedback: 'more metrics',
    });
    const approved = ev(ProjectScopeApprovedV2, {
      ...base,
      projectId: 'p-1',
      version: 1,
      mentorId: null,
      approvedBy: { id: 'pm', role: 'PROGRAM_MANAGER' },
      milestones: [{ milestoneId: 'm-1', title: 'Baseline', dueWeek: 4 }],
    });
    const missed = ev(CheckInMissedV2, { ...base, week: 3, mentorIds: ['grace', 'alan'], primaryMentorId: 'grace' });
    expect(derive([...enrolled, changes])!.scope.status).toBe('CHANGES_REQUESTED');
    const row = derive([...enrolled, changes, approved, missed])!;
    expect(row.scope).toMatchObject({ status: 'APPROVED', approvedVersion: 1 });
    expect(row.checkIns).toMatchObject({ missed: 1, missedWeeks: [3] });
  });

  it('awaits the final outcome once the intern’s own program ended, until one is recorded', () => {
    const completed = ev(CohortCompletedV1, { cohortId, weeks: 12, completedAt: '2027-08-30T00:00:00.000Z' });
    expect(derive([...enrolled, week(12)])!.awaitingFinalOutcome).toBe(false);
    const ended = derive([...enrolled, week(12), completed])!;
    expect(ended.awaitingFinalOutcome).toBe(true);
    expect(ended.risk.reasons).toContain('the program has ended and the final outcome is not recorded');
    // Extended by 2 weeks: their program ends two weeks after the cohort's.
    expect(derive([...enrolled, extended, completed, week(14)])!.awaitingFinalOutcome).toBe(false);
    expect(derive([...enrolled, extended, completed, week(15)])!.awaitingFinalOutcome).toBe(true);
    const final = ev(FinalOutcomeRecordedV1, {
      ...base,
      evaluationId: 'ev-2',
      mentorId: 'pm',
      outcome: 'PASS',
      returnOffer: 'YES',
      revision: 1,
      recordedBy: { id: 'pm', role: 'PROGRAM_MANAGER' },
    });
    expect(derive([...enrolled, completed, final])!.awaitingFinalOutcome).toBe(false);
  });
});
