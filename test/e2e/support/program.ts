import { randomUUID } from 'node:crypto';
import { expectLabelled } from '#testing';
import { addDays } from '#ddd';
import { eventually, gql, signIn, type GraphQLResponse } from './client.js';
import { aCohort, aMentor, anIntern } from './factories.js';

/**
 * Builders of real program state through the gateway, as a program manager, intern and mentor
 * would create it: cohorts, enrollments, mentors and assignments, project scopes and milestone
 * reports, tech talks and presentation slots. Each waits for the projections the next step
 * needs (another service learning of an enrollment or an assignment over Kafka).
 */

export const OPS = {
  schedule: `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) {
    id startDate weeks status onboardingChecklist { id } } }`,
  enroll: `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id status } }`,
  register: `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`,
  assign: `mutation ($input: AssignMentorInput!) { assignMentor(input: $input) { id role active } }`,
  advance: `mutation ($input: AdvanceCohortClockInput!) { advanceCohortClock(input: $input) { id currentWeek } }`,
  scheduleTalk: `mutation ($input: ScheduleTechTalkInput!) { scheduleTechTalk(input: $input) { id } }`,
  openSlots: `mutation ($input: OpenPresentationSlotsInput!) { openPresentationSlots(input: $input) { id } }`,
  book: `mutation ($input: BookPresentationSlotInput!) { bookPresentationSlot(input: $input) { id } }`,
  draft: `mutation ($input: DraftProjectScopeInput!) { draftProjectScope(input: $input) {
    id revision status milestones { id } } }`,
  submitScope: `mutation ($input: SubmitProjectScopeInput!) { submitProjectScope(input: $input) { id revision status } }`,
  approve: `mutation ($input: ApproveProjectScopeInput!) { approveProjectScope(input: $input) {
    id revision status milestones { id } } }`,
  report: `mutation ($input: SubmitMilestoneReportInput!) { submitMilestoneReport(input: $input) { id status } }`,
  logCheckIn: `mutation ($input: LogCheckInInput!) { logCheckIn(input: $input) { id } }`,
  mentorEvaluation: `mutation ($input: SubmitMentorEvaluationInput!) { submitMentorEvaluation(input: $input) { id } }`,
};

export function ok<T = any>(res: GraphQLResponse<T>, what: string): T {
  if (res.errors?.length)
    throw new Error(`${what}: ${res.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
  return res.data as T;
}

/** Retries an operation that depends on another service's projection until it is accepted. */
export async function until<T = any>(
  what: string,
  send: () => Promise<GraphQLResponse<T>>,
  timeoutMs = 45_000,
): Promise<T> {
  let last: GraphQLResponse<T> | undefined;
  try {
    return await eventually(
      async () => {
        last = await send();
        return last.errors?.length ? undefined : (last.data as T);
      },
      { timeoutMs, what },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last answer: ${JSON.stringify(last?.errors ?? last?.data)}`, {
      cause: err,
    });
  }
}

/** A fresh, unused id of the given kind (an id nothing has: what a prober would try). */
export function missingId(kind: 'uuid' | 'intern' | 'mentor' = 'uuid'): string {
  return kind === 'uuid' ? randomUUID() : `${kind}-${randomUUID().slice(0, 8)}`;
}

export interface Person {
  id: string;
  token: string;
  input: Record<string, unknown>;
}

export interface CohortRef {
  id: string;
  startDate: string;
  weeks: number;
  checklist: string[];
}

export async function scheduleCohort(pm: string, overrides: Record<string, unknown> = {}): Promise<CohortRef> {
  const c = ok(await gql(OPS.schedule, { input: aCohort(overrides) }, { token: pm }), 'scheduleCohort').scheduleCohort;
  return { id: c.id, startDate: c.startDate, weeks: c.weeks, checklist: c.onboardingChecklist.map((t: any) => t.id) };
}

export async function enrollIntern(
  pm: string,
  cohortId: string,
  overrides: Record<string, unknown> = {},
): Promise<Person> {
  const input = anIntern(cohortId, overrides);
  ok(await gql(OPS.enroll, { input }, { token: pm }), 'enrollIntern');
  const id = input.internId as string;
  return { id, token: await signIn(id, 'INTERN'), input };
}

export async function registerMentor(pm: string, overrides: Record<string, unknown> = {}): Promise<Person> {
  const input = aMentor({ capacity: 10, ...overrides });
  ok(await gql(OPS.register, { input }, { token: pm }), 'registerMentor');
  const id = input.mentorId as string;
  return { id, token: await signIn(id, 'MENTOR'), input };
}

/** Assigns once the mentors service knows the intern's enrollment. */
export async function assignMentor(
  pm: string,
  internId: string,
  mentorId: string,
  role: 'PRIMARY' | 'CO_MENTOR' = 'PRIMARY',
): Promise<string> {
  const data = await until(`assignMentor ${mentorId} → ${internId}`, () =>
    gql(OPS.assign, { input: { internId, mentorId, role } }, { token: pm }),
  );
  return data.assignMentor.id as string;
}

export async function advanceCohort(pm: string, cohortId: string, toWeek: number): Promise<void> {
  ok(await gql(OPS.advance, { input: { cohortId, toWeek } }, { token: pm }), `advanceCohortClock to ${toWeek}`);
}

/** Waits until the cohorts service's own projection knows `mentorId` mentors `internId` (or no longer does). */
export async function cohortsKnowsMentor(mentor: Person, internId: string, mentoring = true): Promise<void> {
  await eventually(
    async () => {
      const r = await gql(`query ($id: ID!) { intern(id: $id) { id } }`, { id: internId }, { token: mentor.token });
      return !!r.data?.intern === mentoring ? true : undefined;
    },
    {
      timeoutMs: 30_000,
      what: `the cohorts service to learn that ${mentor.id} ${mentoring ? 'mentors' : 'no longer mentors'} ${internId}`,
    },
  );
}

export function aScope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Session-aware recommendations',
    problemStatement: 'Recommendations ignore what the user did in the current session.',
    objectives: ['Model the session', 'Run an A/B test'],
    successMetrics: [{ name: 'RMSE', target: '≤ 0.85', unit: 'rating points' }],
    deliverables: ['Model in production'],
    milestones: [
      { title: 'Baseline', dueWeek: 4, acceptanceCriteria: ['Baseline RMSE measured on the holdout'] },
      { title: 'Session model', dueWeek: 8, acceptanceCriteria: ['Beats the baseline offline'] },
    ],
    ...overrides,
  };
}

export interface ProjectRef {
  id: string;
  revision: number;
  status: string;
  milestoneIds: string[];
}

/** The intern's first draft, once scoping knows their enrollment. */
export async function draftScope(intern: Person, scope = aScope()): Promise<ProjectRef> {
  const p = (
    await until(`draftProjectScope by ${intern.id}`, () => gql(OPS.draft, { input: scope }, { token: intern.token }))
  ).draftProjectScope;
  return { id: p.id, revision: p.revision, status: p.status, milestoneIds: p.milestones.map((m: any) => m.id) };
}

export async function submitScope(intern: Person, project: ProjectRef): Promise<ProjectRef> {
  const p = ok(
    await gql(OPS.submitScope, { input: { projectId: project.id } }, { token: intern.token }),
    'submitProjectScope',
  ).submitProjectScope;
  return { ...project, revision: p.revision, status: p.status };
}

/** Approval by the primary mentor, once scoping knows the assignment. */
export async function approveScope(primary: Person, project: ProjectRef): Promise<ProjectRef> {
  const p = (
    await until(`approveProjectScope by ${primary.id}`, () =>
      gql(OPS.approve, { input: { projectId: project.id } }, { token: primary.token }),
    )
  ).approveProjectScope;
  return { id: p.id, revision: p.revision, status: p.status, milestoneIds: p.milestones.map((m: any) => m.id) };
}

export function aReport(milestoneId: string): Record<string, unknown> {
  return {
    milestoneId,
    summary: 'Baseline trained and measured',
    metricResults: [{ name: 'RMSE', value: 0.84 }],
    links: ['https://git.example.com/baseline'],
    blockers: [],
    nextSteps: ['Session features'],
  };
}

export async function submitReport(intern: Person, milestoneId: string): Promise<string> {
  return ok(await gql(OPS.report, { input: aReport(milestoneId) }, { token: intern.token }), 'submitMilestoneReport')
    .submitMilestoneReport.id;
}

export function aCheckIn(
  internId: string,
  occurredOn: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    internId,
    occurredOn,
    durationMinutes: 30,
    format: 'video call',
    progress: 'ON_TRACK',
    notes: 'Shared with the intern',
    privateNotes: 'For the mentor and program managers only',
    blockers: [],
    actionItems: [],
    ...overrides,
  };
}

export const COMPETENCIES = [
  'TECHNICAL_EXECUTION',
  'ML_DATA_FUNDAMENTALS',
  'PROBLEM_SOLVING',
  'COMMUNICATION',
  'COLLABORATION',
  'OWNERSHIP',
];

export const competencyScores = (score: number) =>
  COMPETENCIES.map((competency) => ({ competency, score, comment: null }));

/** The presentation rubric's criteria keys. */
export async function presentationCriteria(token: string): Promise<string[]> {
  const r = ok(await gql(`{ rubric(kind: PRESENTATION) { criteria { key } } }`, {}, { token }), 'rubric');
  return r.rubric.criteria.map((c: { key: string }) => c.key);
}

/** A talk on Tuesday of the given program week (1-based), 14:00 UTC. */
export function talkInput(cohort: CohortRef, week: number): Record<string, unknown> {
  return {
    cohortId: cohort.id,
    title: `Talk ${randomUUID().slice(0, 6)}`,
    speaker: 'Grace Hopper',
    abstract: 'Ranking at scale',
    startsAt: `${addDays(cohort.startDate, (week - 1) * 7 + 1)}T14:00:00.000Z`,
    durationMinutes: 60,
    joinUrl: 'https://meet.example.com/talk',
  };
}

/**
 * Presentation slots in the cohort's presentations week (its last week), on Tuesday from
 * 09:00 UTC, `minutesApart` apart; opened once the cohorts service knows the panel's mentors.
 */
export async function openSlots(
  pm: string,
  cohort: CohortRef,
  panelMentorIds: string[],
  count = 1,
  offsetMinutes = 0,
): Promise<string[]> {
  const tuesday = addDays(cohort.startDate, (cohort.weeks - 1) * 7 + 1);
  const base = Date.parse(`${tuesday}T09:00:00.000Z`) + offsetMinutes * 60_000;
  const slots = Array.from({ length: count }, (_, i) => ({
    startsAt: new Date(base + i * 30 * 60_000).toISOString(),
    durationMinutes: 30,
    panelMentorIds,
  }));
  const data = await until('openPresentationSlots', () =>
    gql(OPS.openSlots, { input: { cohortId: cohort.id, slots } }, { token: pm }),
  );
  return data.openPresentationSlots.map((s: { id: string }) => s.id);
}

export function expectNoErrors(res: GraphQLResponse, what: string): void {
  expectLabelled(res.errors, `${what}: ${JSON.stringify(res.errors)}`).toBeUndefined();
}
