import { describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import * as contracts from './index.js';
import { CONTEXTS, type EventContract } from './event-contract.js';

const all = (Object.values(contracts) as unknown[]).filter(
  (v): v is EventContract<unknown> => typeof v === 'object' && v !== null && 'type' in v && 'schema' in v,
);

// SPEC §4: the minimum set of events each context publishes.
const SPEC_MINIMUM: Record<string, string[]> = {
  cohorts: [
    'CohortScheduled',
    'CohortStarted',
    'CohortWeekStarted',
    'CohortPhaseChanged',
    'CohortCompleted',
    'CohortCancelled',
    'InternEnrolled',
    'InternWithdrawn',
    'InternshipExtended',
    'InternTerminated',
    'InternCompleted',
    'OnboardingTaskCompleted',
    'OnboardingCompleted',
    'TechTalkScheduled',
    'TechTalkRsvped',
    'TechTalkAttended',
    'PresentationSlotOpened',
    'PresentationSlotBooked',
  ],
  mentors: ['MentorRegistered', 'MentorAssigned', 'MentorUnassigned', 'CheckInLogged', 'CheckInMissed'],
  scoping: [
    'ProjectScopeDrafted',
    'ProjectScopeSubmitted',
    'ProjectScopeChangesRequested',
    'ProjectScopeApproved',
    'ProjectScopeOverdue',
    'MilestoneReportSubmitted',
    'MilestoneReportReviewed',
    'MilestoneOverdue',
  ],
  evaluations: [
    'EvaluationSubmitted',
    'MidpointDecisionMade',
    'FinalOutcomeRecorded',
    'PresentationScored',
    'InternRiskChanged',
  ],
};

describe('event contracts', () => {
  it('cover the minimum set of SPEC §4, each under its own context', () => {
    for (const [context, names] of Object.entries(SPEC_MINIMUM)) {
      for (const name of names) {
        expectLabelled(
          all.find((c) => c.context === context && c.name === name),
          `${context}.${name}`,
        ).toBeDefined();
      }
    }
  });

  it('name their types mentorflow.<context>.<Name>.v<N>, each type once', () => {
    for (const c of all) {
      expect(CONTEXTS).toContain(c.context);
      expect(c.type).toBe(`mentorflow.${c.context}.${c.name}.v${c.version}`);
    }
    expect(new Set(all.map((c) => c.type)).size).toBe(all.length);
  });

  it('reject data that breaks the contract, naming the field', () => {
    const result = contracts.InternEnrolledV1.schema.safeParse({
      cohortId: 'c',
      internId: 'i',
      name: 'N',
      email: 'not-an-email',
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('email');
    expect(paths).toContain('degreeLevel');
  });

  it('keep private notes and comments out of the events that leave a service', () => {
    for (const c of all) {
      const shape = (c.schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      expectLabelled(
        Object.keys(shape).filter((k) => /private/i.test(k)),
        c.type,
      ).toEqual([]);
    }
  });
});
