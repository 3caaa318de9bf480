import { describe, expect, it } from '@jest/globals';
import {
  CheckInMissedV1,
  CheckInMissedV2,
  CohortPhaseChangedV1,
  EvaluationDueV1,
  EvaluationOverdueV1,
  EvaluationWindowClosingV1,
  FinalOutcomeAwaitedV1,
  InternReinstatedV1,
  InternRiskChangedV1,
  InternshipExtendedV1,
  InternshipExtensionRefusedV1,
  InternshipExtensionRevokedV1,
  MentorAssignedV1,
  MidpointDecisionMadeV1,
  MilestoneDueSoonV1,
  MilestoneReportSubmittedV1,
  PresentationSlotClosedV1,
  ProjectScopeSubmittedV1,
  ProjectScopeApprovedV1,
  ProjectScopeApprovedV2,
  ProjectScopeChangesRequestedV2,
  ProjectScopeDueSoonV1,
  MentorRegisteredV1,
  ReturnOfferDecidedV1,
  TechTalkCancelledV1,
  TechTalkRescheduledV1,
  TechTalkScheduledV1,
} from '#contracts';
import { audienceKey, audiencesOf, describeActivity, routeEvent, type Directory } from './routing.js';

const directory: Directory = {
  mentorsOf: async (internId) =>
    internId === 'intern-a'
      ? [
          { mentorId: 'mentor-primary', role: 'PRIMARY' },
          { mentorId: 'mentor-co', role: 'CO_MENTOR' },
        ]
      : [],
  internName: async (internId) => (internId === 'intern-a' ? 'Amara Okafor' : undefined),
  internsOf: async (cohortId) => (cohortId === 'c-1' ? ['intern-a', 'intern-b'] : []),
  mentorName: async (mentorId) => (mentorId === 'mentor-primary' ? 'Ada Lovelace' : undefined),
  mentorsAtWithdrawal: async (internId, cohortId) =>
    internId === 'intern-w' && cohortId === 'c-1' ? ['mentor-before'] : [],
};

/** Every draft of an event, as `audience TYPE`, with its texts and what it is about. */
const drafted = async (type: string, data: unknown) => routeEvent({ type, data }, directory);

const recipients = async (type: string, data: unknown) =>
  (await routeEvent({ type, data }, directory)).map((d) => `${audienceKey(d.audience)} ${d.type}`);

describe('notification routing', () => {
  it('sends a submitted report to every mentor of the intern, and nobody else', async () => {
    const drafts = await routeEvent(
      {
        type: MilestoneReportSubmittedV1.type,
        data: {
          reportId: 'r-1',
          milestoneId: 'm-1',
          projectId: 'p-1',
          cohortId: 'c-1',
          internId: 'intern-a',
          dueWeek: 4,
          late: true,
          submittedAt: '2026-01-01T00:00:00Z',
        },
      },
      directory,
    );
    expect(drafts.map((d) => audienceKey(d.audience))).toEqual(['user:mentor-primary', 'user:mentor-co']);
    expect(drafts[0]).toMatchObject({
      type: 'REPORT_TO_REVIEW',
      subjectId: 'r-1',
      internId: 'intern-a',
      cohortId: 'c-1',
    });
    expect(drafts[0]!.title).toContain('Amara Okafor');
    expect(drafts[0]!.body).toContain('(late)');
    expect(
      await recipients(MilestoneReportSubmittedV1.type, {
        reportId: 'r',
        milestoneId: 'm',
        projectId: 'p',
        cohortId: 'c',
        internId: 'intern-z',
        dueWeek: 4,
        late: false,
        submittedAt: 'x',
      }),
    ).toEqual([]);
  });

  it('sends a scope to approve to the primary mentor named in the event, else the projected one', async () => {
    const data = { projectId: 'p-1', cohortId: 'c-1', internId: 'intern-a', version: 2, primaryMentorId: 'mentor-x' };
    expect(await recipients(ProjectScopeSubmittedV1.type, data)).toEqual(['user:mentor-x SCOPE_TO_APPROVE']);
    expect(await recipients(ProjectScopeSubmittedV1.type, { ...data, primaryMentorId: null })).toEqual([
      'user:mentor-primary SCOPE_TO_APPROVE',
    ]);
    expect(await recipients(ProjectScopeApprovedV1.type, { ...data, mentorId: 'mentor-x', milestones: [] })).toEqual([
      'user:intern-a SCOPE_APPROVED',
    ]);
  });

  it('tells every program manager (and the mentors) when an intern turns RED, never the intern', async () => {
    const data = {
      cohortId: 'c-1',
      internId: 'intern-a',
      previousLevel: 'AMBER',
      level: 'RED',
      reasons: ['2 missed check-ins'],
    };
    expect(await recipients(InternRiskChangedV1.type, data)).toEqual([
      'role:PROGRAM_MANAGER INTERN_AT_RISK',
      'user:mentor-primary INTERN_AT_RISK',
      'user:mentor-co INTERN_AT_RISK',
    ]);
    expect(await recipients(InternRiskChangedV1.type, { ...data, level: 'AMBER', previousLevel: 'GREEN' })).toEqual([]);
    expect(await recipients(InternRiskChangedV1.type, { ...data, previousLevel: 'RED' })).toEqual([]);
  });

  it('sends decisions to the intern, and to program managers when they change the program', async () => {
    const data = {
      evaluationId: 'e-1',
      cohortId: 'c-1',
      internId: 'intern-a',
      mentorId: 'mentor-primary',
      decision: 'CONTINUE',
      extensionWeeks: null,
    };
    expect(await recipients(MidpointDecisionMadeV1.type, data)).toEqual(['user:intern-a MIDPOINT_DECISION']);
    expect(await recipients(MidpointDecisionMadeV1.type, { ...data, decision: 'EXTEND', extensionWeeks: 2 })).toEqual([
      'user:intern-a MIDPOINT_DECISION',
      'role:PROGRAM_MANAGER MIDPOINT_DECISION',
    ]);
  });

  it("announces an evaluation due from the intern's own window, to the intern and their primary mentor", async () => {
    const due = {
      cohortId: 'c-1',
      internId: 'intern-a',
      cycle: 'MIDPOINT',
      week: 8,
      startsOn: '2026-03-02',
      endsOn: '2026-03-08',
      mentorId: 'mentor-x',
    };
    const drafts = await routeEvent({ type: EvaluationDueV1.type, data: due }, directory);
    expect(drafts.map((d) => `${audienceKey(d.audience)} ${d.type}`)).toEqual([
      'user:intern-a EVALUATION_DUE',
      'user:mentor-x EVALUATION_DUE',
    ]);
    expect(drafts[0]).toMatchObject({
      cohortId: 'c-1',
      internId: 'intern-a',
      title: 'Your midpoint self-evaluation is due',
    });
    expect(drafts[0]!.body).toBe(
      'Week 8: your midpoint evaluation window is open. Write your self-evaluation by 2026-03-08.',
    );
    expect(drafts[1]!.title).toBe('A midpoint evaluation is due: Amara Okafor');
    // No primary known when the window opened: the one the gateway knows, else the intern alone.
    expect(await recipients(EvaluationDueV1.type, { ...due, cycle: 'FINAL', mentorId: null })).toEqual([
      'user:intern-a EVALUATION_DUE',
      'user:mentor-primary EVALUATION_DUE',
    ]);
    expect(await recipients(EvaluationDueV1.type, { ...due, internId: 'intern-z', mentorId: null })).toEqual([
      'user:intern-z EVALUATION_DUE',
    ]);
  });

  it("announces no evaluation from the cohort's phase: an extended intern's window is not the cohort's", async () => {
    expect(
      await recipients(CohortPhaseChangedV1.type, {
        cohortId: 'c-1',
        phase: 'MIDPOINT',
        previousPhase: 'BUILD',
        week: 6,
      }),
    ).toEqual([]);
  });

  it('names mentors from the directory, and by their id when it does not know them', async () => {
    const assigned = {
      assignmentId: 'as-1',
      cohortId: 'c-1',
      internId: 'intern-a',
      mentorId: 'mentor-primary',
      role: 'PRIMARY',
      assignedAt: '2026-01-01T00:00:00Z',
    };
    const [, toIntern] = await drafted(MentorAssignedV1.type, assigned);
    expect(toIntern!.body).toBe('Ada Lovelace was assigned to you as primary mentor.');
    const [, toPms] = await drafted(CheckInMissedV1.type, {
      cohortId: 'c-1',
      internId: 'intern-a',
      mentorId: 'mentor-co',
      week: 3,
    });
    expect(toPms!.body).toBe('Mentor mentor-co logged no check-in with Amara Okafor in week 3.');
  });

  it('tells the mentor and program managers of a missed check-in', async () => {
    expect(
      await recipients(CheckInMissedV1.type, { cohortId: 'c-1', internId: 'intern-a', mentorId: 'mentor-co', week: 3 }),
    ).toEqual(['user:mentor-co CHECK_IN_MISSED', 'role:PROGRAM_MANAGER CHECK_IN_MISSED']);
  });

  it('tells every intern of the cohort of a talk scheduled', async () => {
    const drafts = await drafted(TechTalkScheduledV1.type, {
      talkId: 't-1',
      cohortId: 'c-1',
      title: 'Feature stores',
      speaker: 'Grace Hopper',
      startsAt: '2026-03-04T14:00:00Z',
      durationMinutes: 60,
    });
    expect(drafts.map((d) => `${audienceKey(d.audience)} ${d.type}`)).toEqual([
      'user:intern-a TALK_SCHEDULED',
      'user:intern-b TALK_SCHEDULED',
    ]);
    expect(drafts[0]!.body).toBe(
      'Grace Hopper gives “Feature stores” at 2026-03-04 14:00 UTC (60 min). RSVP to be told of any change.',
    );
  });

  it('tells each attendee of a moved talk the old and the new time, their RSVP kept', async () => {
    const data = {
      talkId: 't-1',
      cohortId: 'c-1',
      title: 'Feature stores',
      startsAt: '2026-03-05T15:00:00Z',
      durationMinutes: 45,
      previousStartsAt: '2026-03-04T14:00:00Z',
      sequence: 2,
      attendeeIds: ['intern-a', 'intern-b'],
      rescheduledBy: 'pm-1',
    };
    const drafts = await drafted(TechTalkRescheduledV1.type, data);
    expect(drafts.map((d) => `${audienceKey(d.audience)} ${d.type}`)).toEqual([
      'user:intern-a TALK_MOVED',
      'user:intern-b TALK_MOVED',
    ]);
    expect(drafts[1]).toMatchObject({ cohortId: 'c-1', internId: 'intern-b', subjectId: 't-1' });
    expect(drafts[0]!.title).toBe('“Feature stores” was moved');
    expect(drafts[0]!.body).toContain('from 2026-03-04 14:00 UTC to 2026-03-05 15:00 UTC (45 min)');
    expect(await recipients(TechTalkRescheduledV1.type, { ...data, attendeeIds: [] })).toEqual([]);
  });

  it('tells each attendee of a cancelled talk, with the reason', async () => {
    const drafts = await drafted(TechTalkCancelledV1.type, {
      talkId: 't-1',
      cohortId: 'c-1',
      title: 'Feature stores',
      startsAt: '2026-03-05T15:00:00Z',
      reason: 'the speaker is ill',
      sequence: 3,
      attendeeIds: ['intern-a'],
      cancelledBy: 'pm-1',
    });
    expect(drafts.map((d) => `${audienceKey(d.audience)} ${d.type}`)).toEqual(['user:intern-a TALK_CANCELLED']);
    expect(drafts[0]!.body).toContain('was cancelled: the speaker is ill');
  });

  it('tells the intern whose slot was closed to book another, and the panel', async () => {
    const data = {
      slotId: 's-1',
      cohortId: 'c-1',
      startsAt: '2026-03-24T10:00:00Z',
      reason: 'room unavailable',
      bookedInternId: 'intern-a',
      panelMentorIds: ['mentor-primary', 'mentor-z'],
      closedBy: 'pm-1',
    };
    const drafts = await drafted(PresentationSlotClosedV1.type, data);
    expect(drafts.map((d) => `${audienceKey(d.audience)} ${d.type}`)).toEqual([
      'user:intern-a SLOT_CLOSED',
      'user:mentor-primary SLOT_CLOSED',
      'user:mentor-z SLOT_CLOSED',
    ]);
    expect(drafts[0]).toMatchObject({ internId: 'intern-a', subjectId: 's-1', cohortId: 'c-1' });
    expect(drafts[0]!.title).toContain('book another');
    expect(drafts[1]!.title).toBe("Amara Okafor's presentation slot was closed");
    // An empty slot: the panel only.
    expect(await recipients(PresentationSlotClosedV1.type, { ...data, bookedInternId: null })).toEqual([
      'user:mentor-primary SLOT_CLOSED',
      'user:mentor-z SLOT_CLOSED',
    ]);
  });

  it('tells a reinstated intern and their mentors, those the withdrawal unassigned included', async () => {
    const data = { enrollmentId: 'en-1', cohortId: 'c-1', internId: 'intern-a', reason: 'back', reinstatedBy: 'pm-1' };
    expect(await recipients(InternReinstatedV1.type, data)).toEqual([
      'user:intern-a INTERN_REINSTATED',
      'user:mentor-primary INTERN_REINSTATED',
      'user:mentor-co INTERN_REINSTATED',
    ]);
    expect(await recipients(InternReinstatedV1.type, { ...data, internId: 'intern-w' })).toEqual([
      'user:intern-w INTERN_REINSTATED',
      'user:mentor-before INTERN_REINSTATED',
    ]);
  });

  it('tells the intern their extension was revoked and when their program now ends', async () => {
    const drafts = await drafted(InternshipExtensionRevokedV1.type, {
      enrollmentId: 'en-1',
      cohortId: 'c-1',
      internId: 'intern-a',
      revokedWeeks: 2,
      extensions: [],
      totalExtensionWeeks: 0,
      programWeeks: 12,
      newEndDate: '2026-04-24',
      presentationsWeek: { startsOn: '2026-04-20', endsOn: '2026-04-24' },
      finalEvaluationsDue: '2026-04-24',
      reason: 'the midpoint decision was corrected to CONTINUE',
    });
    expect(drafts.map((d) => `${audienceKey(d.audience)} ${d.type}`)).toEqual(['user:intern-a EXTENSION_REVOKED']);
    expect(drafts[0]!.body).toContain('now ends on 2026-04-24');
  });

  it('tells the mentor and every PM of an extension refused after the fact, with the reason', async () => {
    const drafts = await drafted(InternshipExtensionRefusedV1.type, {
      cohortId: 'c-1',
      internId: 'intern-a',
      evaluationId: 'ev-1',
      mentorId: 'mentor-primary',
      requestedWeeks: 2,
      totalExtensionWeeks: 4,
      reason: 'the total would be 6 weeks, beyond 5',
    });
    expect(drafts.map((d) => `${audienceKey(d.audience)} ${d.type}`)).toEqual([
      'user:mentor-primary EXTENSION_REFUSED',
      'role:PROGRAM_MANAGER EXTENSION_REFUSED',
    ]);
    expect(drafts[1]).toMatchObject({
      internId: 'intern-a',
      subjectId: 'ev-1',
      title: 'Extension refused for Amara Okafor',
    });
    expect(drafts[0]!.body).toContain('the total would be 6 weeks, beyond 5');
  });

  it('reminds the primary mentor and every PM of a final outcome awaited', async () => {
    const data = {
      cohortId: 'c-1',
      internId: 'intern-a',
      mentorId: 'mentor-x',
      programEndedOn: '2026-04-24',
      reminder: 3,
    };
    const drafts = await drafted(FinalOutcomeAwaitedV1.type, data);
    expect(drafts.map((d) => `${audienceKey(d.audience)} ${d.type}`)).toEqual([
      'user:mentor-x FINAL_OUTCOME_AWAITED',
      'role:PROGRAM_MANAGER FINAL_OUTCOME_AWAITED',
    ]);
    expect(drafts[0]!.body).toContain('ended on 2026-04-24');
    expect(drafts[0]!.body).toContain('reminder 3');
    // No primary named: the one the gateway knows; none at all: the PMs alone.
    expect(await recipients(FinalOutcomeAwaitedV1.type, { ...data, mentorId: null })).toEqual([
      'user:mentor-primary FINAL_OUTCOME_AWAITED',
      'role:PROGRAM_MANAGER FINAL_OUTCOME_AWAITED',
    ]);
    expect(await recipients(FinalOutcomeAwaitedV1.type, { ...data, internId: 'intern-z', mentorId: null })).toEqual([
      'role:PROGRAM_MANAGER FINAL_OUTCOME_AWAITED',
    ]);
  });

  it('tells each mentor of an intern-week missed once (v2), and PMs once', async () => {
    expect(
      await recipients(CheckInMissedV2.type, {
        cohortId: 'c-1',
        internId: 'intern-a',
        week: 12,
        mentorIds: ['mentor-primary', 'mentor-co'],
        primaryMentorId: 'mentor-primary',
      }),
    ).toEqual([
      'user:mentor-primary CHECK_IN_MISSED',
      'user:mentor-co CHECK_IN_MISSED',
      'role:PROGRAM_MANAGER CHECK_IN_MISSED',
    ]);
  });

  it('says who acted on a scope (v2): the mentor or a program manager', async () => {
    const base = { projectId: 'p-1', cohortId: 'c-1', internId: 'intern-a', version: 2, mentorId: null };
    const [byPm] = await drafted(ProjectScopeApprovedV2.type, {
      ...base,
      approvedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' },
      milestones: [],
    });
    expect(byPm).toMatchObject({ type: 'SCOPE_APPROVED', audience: { user: 'intern-a' }, subjectId: 'p-1' });
    expect(byPm!.body).toMatch(/^A program manager approved version 2/);
    const [byMentor] = await drafted(ProjectScopeChangesRequestedV2.type, {
      ...base,
      mentorId: 'mentor-primary',
      requestedBy: { id: 'mentor-primary', role: 'MENTOR' },
      feedback: 'narrow it',
    });
    expect(byMentor).toMatchObject({ type: 'SCOPE_CHANGES_REQUESTED', audience: { user: 'intern-a' } });
    expect(byMentor!.body).toBe('Your mentor asked for changes to version 2: narrow it');
  });

  it('tells PMs of a corrected midpoint decision, even when it is now CONTINUE', async () => {
    const data = {
      evaluationId: 'e-1',
      cohortId: 'c-1',
      internId: 'intern-a',
      mentorId: 'mentor-primary',
      decision: 'CONTINUE',
      extensionWeeks: null,
      revision: 2,
      recordedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' },
    };
    const drafts = await drafted(MidpointDecisionMadeV1.type, data);
    expect(drafts.map((d) => `${audienceKey(d.audience)} ${d.type}`)).toEqual([
      'user:intern-a MIDPOINT_DECISION',
      'role:PROGRAM_MANAGER MIDPOINT_DECISION',
    ]);
    expect(drafts[0]!.title).toBe('Midpoint decision corrected: CONTINUE');
    expect(drafts[0]!.body).toContain('recorded by a program manager');
  });

  it('ignores events nobody acts on, and clips long texts', async () => {
    expect(await recipients(MentorRegisteredV1.type, { mentorId: 'm' })).toEqual([]);
    const [draft] = await routeEvent(
      {
        type: 'mentorflow.scoping.ProjectScopeChangesRequested.v1',
        data: { projectId: 'p', cohortId: 'c', internId: 'i', version: 1, mentorId: 'm', feedback: 'x'.repeat(5000) },
      },
      directory,
    );
    expect(draft!.body.length).toBe(1000);
  });

  it('reads a user’s own audience, and the program managers’ one for a PM', () => {
    expect(audiencesOf({ sub: 'u', roles: ['MENTOR'] })).toEqual(['user:u']);
    expect(audiencesOf({ sub: 'u', roles: ['MENTOR', 'PROGRAM_MANAGER'] })).toEqual(['user:u', 'role:PROGRAM_MANAGER']);
  });

  it('summarises an event of a cohort for the activity feed, and skips events outside any cohort', () => {
    expect(
      describeActivity({
        type: 't',
        name: 'CheckInMissed',
        data: { cohortId: 'c-1', internId: 'i-1', mentorId: 'm-1', week: 3 },
      }),
    ).toEqual({
      cohortId: 'c-1',
      internId: 'i-1',
      summary: 'CheckInMissed: internId i-1, mentorId m-1, week 3',
    });
    expect(describeActivity({ type: 't', name: 'MentorRegistered', data: { mentorId: 'm' } })).toBeUndefined();
  });
});

describe('reminders, overdue evaluations, extensions and offers (issue 13)', () => {
  const lines = (drafts: { audience: Parameters<typeof audienceKey>[0]; type: string }[]) =>
    drafts.map((d) => `${audienceKey(d.audience)} ${d.type}`);
  const noRawIds = (drafts: { title: string; body: string }[]) => {
    for (const d of drafts) {
      expect(`${d.title} ${d.body}`).not.toMatch(/intern-a|mentor-primary|mentor-co/);
    }
  };

  it('reminds the intern of a scope due soon, and the primary mentor only when it awaits their approval', async () => {
    const data = {
      cohortId: 'c-1',
      internId: 'intern-a',
      projectId: 'p-1',
      dueWeek: 3,
      dueOn: '2026-03-20',
      primaryMentorId: null,
      awaitingApproval: false,
    };
    const draftOnly = await drafted(ProjectScopeDueSoonV1.type, data);
    expect(lines(draftOnly)).toEqual(['user:intern-a SCOPE_DUE_SOON']);
    expect(draftOnly[0]).toMatchObject({ subjectId: 'p-1', internId: 'intern-a', cohortId: 'c-1' });
    expect(draftOnly[0]!.body).toContain('2026-03-20');
    const awaiting = await drafted(ProjectScopeDueSoonV1.type, { ...data, awaitingApproval: true });
    expect(lines(awaiting)).toEqual(['user:intern-a SCOPE_DUE_SOON', 'user:mentor-primary SCOPE_DUE_SOON']);
    expect(awaiting[1]!.title).toBe("Amara Okafor's project scope awaits your approval");
    noRawIds(awaiting);
    // The primary named by the event wins over the projection.
    expect(
      await recipients(ProjectScopeDueSoonV1.type, { ...data, awaitingApproval: true, primaryMentorId: 'mentor-x' }),
    ).toEqual(['user:intern-a SCOPE_DUE_SOON', 'user:mentor-x SCOPE_DUE_SOON']);
    // No project yet: still the intern, without a subject.
    expect((await drafted(ProjectScopeDueSoonV1.type, { ...data, projectId: null }))[0]!.subjectId).toBeUndefined();
  });

  it('reminds the intern of a milestone due soon, and every mentor when a report awaits review', async () => {
    const data = {
      milestoneId: 'm-1',
      projectId: 'p-1',
      cohortId: 'c-1',
      internId: 'intern-a',
      title: 'Baseline model',
      dueWeek: 6,
      dueOn: '2026-04-10',
      awaitingReview: false,
    };
    const none = await drafted(MilestoneDueSoonV1.type, data);
    expect(lines(none)).toEqual(['user:intern-a MILESTONE_DUE_SOON']);
    expect(none[0]!.title).toBe('Milestone “Baseline model” is due on 2026-04-10');
    const review = await drafted(MilestoneDueSoonV1.type, { ...data, awaitingReview: true });
    expect(lines(review)).toEqual([
      'user:intern-a MILESTONE_DUE_SOON',
      'user:mentor-primary MILESTONE_DUE_SOON',
      'user:mentor-co MILESTONE_DUE_SOON',
    ]);
    expect(review[1]).toMatchObject({
      subjectId: 'm-1',
      title: 'A milestone report to review before 2026-04-10: Amara Okafor',
    });
    noRawIds(review);
  });

  it('reminds each person named by `missing` before an evaluation window closes', async () => {
    const data = {
      cohortId: 'c-1',
      internId: 'intern-a',
      cycle: 'MIDPOINT',
      closesOn: '2026-03-27',
      mentorId: 'mentor-primary',
      missing: ['MENTOR', 'SELF'],
    };
    const both = await drafted(EvaluationWindowClosingV1.type, data);
    expect(lines(both)).toEqual([
      'user:intern-a EVALUATION_WINDOW_CLOSING',
      'user:mentor-primary EVALUATION_WINDOW_CLOSING',
    ]);
    expect(both[1]!.title).toBe('Midpoint evaluation of Amara Okafor due by 2026-03-27');
    noRawIds(both);
    expect(await recipients(EvaluationWindowClosingV1.type, { ...data, missing: ['SELF'] })).toEqual([
      'user:intern-a EVALUATION_WINDOW_CLOSING',
    ]);
    expect(await recipients(EvaluationWindowClosingV1.type, { ...data, missing: ['MENTOR'] })).toEqual([
      'user:mentor-primary EVALUATION_WINDOW_CLOSING',
    ]);
    // No mentor in the event: the primary the gateway knows; none known: nobody for MENTOR.
    expect(await recipients(EvaluationWindowClosingV1.type, { ...data, mentorId: null, missing: ['MENTOR'] })).toEqual([
      'user:mentor-primary EVALUATION_WINDOW_CLOSING',
    ]);
    expect(
      await recipients(EvaluationWindowClosingV1.type, {
        ...data,
        internId: 'intern-z',
        mentorId: null,
        missing: ['MENTOR'],
      }),
    ).toEqual([]);
  });

  it('tells the people missing an evaluation, and every PM, when it is overdue, naming them', async () => {
    const data = {
      cohortId: 'c-1',
      internId: 'intern-a',
      cycle: 'FINAL',
      week: 12,
      endsOn: '2026-05-01',
      mentorId: 'mentor-primary',
      missing: ['MENTOR', 'SELF'],
    };
    const drafts = await drafted(EvaluationOverdueV1.type, data);
    expect(lines(drafts)).toEqual([
      'user:intern-a EVALUATION_OVERDUE',
      'user:mentor-primary EVALUATION_OVERDUE',
      'role:PROGRAM_MANAGER EVALUATION_OVERDUE',
    ]);
    expect(drafts[2]!.body).toBe(
      "Amara Okafor's final evaluation window closed on 2026-05-01; missing: the evaluation by Ada Lovelace and Amara Okafor's self-evaluation.",
    );
    noRawIds(drafts);
    expect(await recipients(EvaluationOverdueV1.type, { ...data, missing: ['SELF'], endsOn: null })).toEqual([
      'user:intern-a EVALUATION_OVERDUE',
      'role:PROGRAM_MANAGER EVALUATION_OVERDUE',
    ]);
  });

  it('tells the intern and their mentors of an extension, with the new end date', async () => {
    const drafts = await drafted(InternshipExtendedV1.type, {
      enrollmentId: 'en-1',
      cohortId: 'c-1',
      internId: 'intern-a',
      weeks: 2,
      totalExtensionWeeks: 2,
      programWeeks: 14,
      newEndDate: '2026-05-15',
      reason: 'Midpoint decision: EXTEND.',
      source: 'MIDPOINT_DECISION',
      finalEvaluationsDue: '2026-05-15',
    });
    expect(lines(drafts)).toEqual([
      'user:intern-a INTERNSHIP_EXTENDED',
      'user:mentor-primary INTERNSHIP_EXTENDED',
      'user:mentor-co INTERNSHIP_EXTENDED',
    ]);
    expect(drafts[0]!.body).toContain('now ends on 2026-05-15');
    expect(drafts[1]!.title).toBe("Amara Okafor's internship was extended by 2 week(s)");
    expect(drafts[1]).toMatchObject({ subjectId: 'en-1', internId: 'intern-a' });
    noRawIds(drafts);
  });

  it('tells the intern and every PM of a return offer decided, naming the intern', async () => {
    const data = {
      enrollmentId: 'en-1',
      cohortId: 'c-1',
      internId: 'intern-a',
      status: 'EXTENDED',
      recommendation: 'STRONG_YES',
      decidedAt: '2026-05-20T10:00:00.000Z',
      decidedBy: 'pm-1',
    };
    const drafts = await drafted(ReturnOfferDecidedV1.type, data);
    expect(lines(drafts)).toEqual(['user:intern-a RETURN_OFFER_DECIDED', 'role:PROGRAM_MANAGER RETURN_OFFER_DECIDED']);
    expect(drafts[0]!.title).toBe('You have a return offer');
    expect(drafts[1]!.title).toBe('Return offer extended: Amara Okafor');
    expect(drafts[1]!.body).toBe(
      'The return offer for Amara Okafor is EXTENDED (recommendation: STRONG_YES), recorded on 2026-05-20 10:00 UTC.',
    );
    noRawIds(drafts);
    const declined = await drafted(ReturnOfferDecidedV1.type, { ...data, status: 'DECLINED', recommendation: null });
    expect(declined[0]!.title).toBe('Your return offer is declined');
    expect(declined[1]!.body).not.toContain('recommendation');
  });
});
