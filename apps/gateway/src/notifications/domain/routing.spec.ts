import { describe, expect, it } from '@jest/globals';
import {
  CheckInMissedV1,
  CohortPhaseChangedV1,
  EvaluationDueV1,
  InternRiskChangedV1,
  MidpointDecisionMadeV1,
  MilestoneReportSubmittedV1,
  ProjectScopeSubmittedV1,
  ProjectScopeApprovedV1,
  MentorRegisteredV1,
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
};

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

  it('tells the mentor and program managers of a missed check-in', async () => {
    expect(
      await recipients(CheckInMissedV1.type, { cohortId: 'c-1', internId: 'intern-a', mentorId: 'mentor-co', week: 3 }),
    ).toEqual(['user:mentor-co CHECK_IN_MISSED', 'role:PROGRAM_MANAGER CHECK_IN_MISSED']);
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
