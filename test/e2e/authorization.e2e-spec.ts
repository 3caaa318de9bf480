import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { addDays } from '#ddd';
import { codes, eventually, gql, signIn, type GraphQLResponse } from './support/client.js';
import { aCohort, aMentor, anIntern } from './support/factories.js';
import {
  aCheckIn,
  advanceCohort,
  approveScope,
  aReport,
  assignMentor,
  aScope,
  cohortsKnowsMentor,
  competencyScores,
  draftScope,
  enrollIntern,
  missingId,
  ok,
  openSlots,
  presentationCriteria,
  registerMentor,
  scheduleCohort,
  submitReport,
  submitScope,
  talkInput,
  until,
  type CohortRef,
  type Person,
  type ProjectRef,
} from './support/program.js';

/**
 * Issue 7, the authorization matrix: every mutation of SPEC §5 (and the few this system adds to
 * cohorts and mentors) × each role and relationship, through the gateway with every service
 * running, on real state set up for each row. Each row asserts its outcome:
 *
 *   ALLOWED          the call succeeds;
 *   FORBIDDEN        refused (`extensions.code` FORBIDDEN): a role the operation is not open to,
 *                    or a relationship the service that owns the data does not know;
 *   NOT_FOUND        refused as if the target did not exist: the caller may not even see it;
 *   UNAUTHENTICATED  no bearer token;
 *   OWN              the operation acts on the caller only (it names no other person's record):
 *                    whatever the caller's own outcome, the subject's record is untouched.
 *
 * Every refused row asserts that the state the mutation would change did not change. For a
 * refusal that rests on a relationship (not a role), the same call against an id that does not
 * exist must be answered with the same code, so that ids cannot be probed.
 *
 * The relationships, seen from the subject intern ("self"): their primary mentor and their
 * co-mentor; another mentor, who mentors someone else (so the subject is another mentor's
 * mentee); another intern, enrolled in another cohort; a program manager; no token at all.
 */

type Actor = 'pm' | 'primary' | 'coMentor' | 'otherMentor' | 'self' | 'otherIntern' | 'anonymous';
type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'OWN';

const ACTORS: Actor[] = ['anonymous', 'otherIntern', 'otherMentor', 'self', 'coMentor', 'primary', 'pm'];
const WHO: Record<Actor, string> = {
  pm: 'program manager',
  primary: 'own mentor (primary)',
  coMentor: 'own mentor (co-mentor)',
  otherMentor: 'another mentor (subject is another mentor’s mentee)',
  self: 'the intern themself',
  otherIntern: 'another intern (other cohort)',
  anonymous: 'no token',
};

/** A subject intern with their primary mentor and co-mentor. */
interface Team {
  intern: Person;
  primary: Person;
  coMentor: Person;
}

interface World {
  pm: string;
  cohort: CohortRef;
  main: Team;
  otherMentor: Person;
  otherIntern: Person;
  /** A talk in week 2 of the cohort (attendance is recorded once it has started). */
  pastTalkId: string;
  /** The slot the subject booked (bookPresentationSlot), scored by its panel (the other mentor). */
  bookedSlotId?: string;
}

interface Setup {
  /** The subject of this row when not the world's main intern. */
  team?: Team;
  [key: string]: unknown;
}

interface Case<T extends Setup> {
  mutation: string;
  document: string;
  /** What the row's relationship columns mean when the subject is not an intern (notes in the report). */
  note?: string;
  setup: () => Promise<T>;
  input: (t: T, actor: Actor) => Record<string, unknown>;
  /** The state the mutation would change, read as a program manager. */
  state: (t: T) => Promise<unknown>;
  /** Outcomes by actor; anyone not named is FORBIDDEN, and no token is UNAUTHENTICATED. */
  expect: Partial<Record<Actor, Outcome>>;
  /** The same call naming an id that does not exist, for the rows whose refusal rests on a relationship. */
  probe?: { actors: Actor[]; input: (t: T, actor: Actor) => Record<string, unknown> };
  /** Allowed actors each get a fresh setup (their call would otherwise change the next one's state). */
  freshPerAllowed?: boolean;
}

const w = {} as World;
let pmCounter = 0;
const pmToken = (): Promise<string> => signIn(`pm-authz-${++pmCounter}`, 'PROGRAM_MANAGER');

function tokenOf(actor: Actor, t: Setup): string | undefined {
  const team = t.team ?? w.main;
  switch (actor) {
    case 'pm':
      return w.pm;
    case 'primary':
      return team.primary.token;
    case 'coMentor':
      return team.coMentor.token;
    case 'otherMentor':
      return w.otherMentor.token;
    case 'self':
      return team.intern.token;
    case 'otherIntern':
      return w.otherIntern.token;
    case 'anonymous':
      return undefined;
  }
}

function outcomeOf(c: Case<Setup>, actor: Actor): Outcome {
  return c.expect[actor] ?? (actor === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
}

/** A fresh intern in the world's cohort with a fresh primary mentor and co-mentor. */
async function team(pm = w.pm, cohort = w.cohort): Promise<Team> {
  const [intern, primary, coMentor] = await Promise.all([
    enrollIntern(pm, cohort.id),
    registerMentor(pm),
    registerMentor(pm),
  ]);
  await assignMentor(pm, intern.id, primary.id, 'PRIMARY');
  await assignMentor(pm, intern.id, coMentor.id, 'CO_MENTOR');
  return { intern, primary, coMentor };
}

/** Waits until scoping shows the project to both of the team's mentors (it knows the assignments). */
async function scopingKnowsTeam(t: Team, projectId: string): Promise<void> {
  for (const mentor of [t.primary, t.coMentor]) {
    await eventually(
      async () => {
        const r = await gql(`query ($id: ID!) { project(id: $id) { id } }`, { id: projectId }, { token: mentor.token });
        return r.data?.project ? true : undefined;
      },
      { timeoutMs: 45_000, what: `scoping to know that ${mentor.id} mentors ${t.intern.id}` },
    );
  }
}

/** A team whose intern drafted (and, as asked, submitted / had approved) their scope. */
async function scopedTeam(stage: 'DRAFT' | 'SUBMITTED' | 'APPROVED'): Promise<{ team: Team; project: ProjectRef }> {
  const t = await team();
  let project = await draftScope(t.intern);
  await scopingKnowsTeam(t, project.id);
  if (stage !== 'DRAFT') project = await submitScope(t.intern, project);
  if (stage === 'APPROVED') project = await approveScope(t.primary, project);
  return { team: t, project };
}

const asPm = async (query: string, variables: Record<string, unknown>): Promise<any> =>
  ok(await gql(query, variables, { token: w.pm }), 'state read');

const cohortState = (id: string, selection: string) =>
  asPm(`query ($id: ID!) { cohort(id: $id) { ${selection} } }`, { id });
const internState = (id: string, selection: string) =>
  asPm(`query ($id: ID!) { intern(id: $id) { ${selection} } }`, { id });

// ---- the matrix ------------------------------------------------------------------------------

const PHASE_0: Case<any>[] = [
  {
    mutation: 'scheduleCohort',
    document: `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`,
    setup: async () => ({}),
    input: () => aCohort(),
    state: () => asPm(`{ cohorts(first: 1) { totalCount } }`, {}),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'createReportLink',
    note: 'a share link of one cohort report page: program managers only; it changes no state',
    document: `mutation ($input: CreateReportLinkInput!) { createReportLink(input: $input) { url expiresAt } }`,
    setup: async () => ({}),
    input: () => ({ cohortId: w.cohort.id }),
    state: () => Promise.resolve('no state'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'cancelCohort',
    document: `mutation ($input: CancelCohortInput!) { cancelCohort(input: $input) { id status } }`,
    setup: async () => ({ cohort: await scheduleCohort(w.pm) }),
    input: (t) => ({ cohortId: t.cohort.id, reason: 'not enough interns' }),
    state: (t) => cohortState(t.cohort.id, 'status'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'updateCohort',
    document: `mutation ($input: UpdateCohortInput!) { updateCohort(input: $input) { id name capacity } }`,
    setup: async () => ({ cohort: await scheduleCohort(w.pm) }),
    input: (t) => ({ cohortId: t.cohort.id, name: 'Renamed cohort', capacity: 40 }),
    state: (t) => cohortState(t.cohort.id, 'name capacity'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'setMatchingPreferences',
    document: `mutation ($input: SetMatchingPreferencesInput!) { setMatchingPreferences(input: $input) { cohortId } }`,
    setup: async () => {
      const cohort = await scheduleCohort(w.pm);
      // The mentors service learns of the cohort from CohortScheduled: wait until it knows it.
      await eventually(
        async () => {
          const res = await gql(
            `query ($c: ID!) { matchingPreferences(cohortId: $c) { cohortId } }`,
            { c: cohort.id },
            { token: w.pm },
          );
          return res.errors ? undefined : true;
        },
        { timeoutMs: 30_000, what: 'the mentors service to know the new cohort' },
      );
      return { cohort };
    },
    input: (t) => ({
      cohortId: t.cohort.id,
      weights: { expertise: 0.2, timezone: 0.7, workload: 0.1 },
      exclusions: [],
    }),
    state: (t) =>
      asPm(`query ($c: ID!) { matchingPreferences(cohortId: $c) { weights { expertise timezone workload } } }`, {
        c: t.cohort.id,
      }),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'setOnboardingChecklist',
    document: `mutation ($input: SetOnboardingChecklistInput!) { setOnboardingChecklist(input: $input) { id } }`,
    setup: async () => ({ cohort: await scheduleCohort(w.pm) }),
    input: (t) => ({ cohortId: t.cohort.id, tasks: [{ title: 'Laptop' }, { title: 'Accounts' }] }),
    state: (t) => cohortState(t.cohort.id, 'onboardingChecklist { title }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'enrollIntern',
    document: `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`,
    setup: async () => ({}),
    input: () => anIntern(w.cohort.id),
    state: () => cohortState(w.cohort.id, 'enrolledCount'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'registerMentor',
    document: `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`,
    setup: async () => ({}),
    input: () => aMentor(),
    state: () => asPm(`{ mentors(first: 1) { totalCount } }`, {}),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'updateMentorProfile',
    note: 'the subject is the primary mentor’s own profile',
    document: `mutation ($input: UpdateMentorProfileInput!) { updateMentorProfile(input: $input) { id team } }`,
    setup: async () => ({}),
    input: (_t, actor) => ({ mentorId: w.main.primary.id, team: `Team of ${actor}` }),
    state: () => asPm(`query ($id: ID!) { mentor(id: $id) { team } }`, { id: w.main.primary.id }),
    expect: { pm: 'ALLOWED', primary: 'ALLOWED' },
    probe: { actors: ['coMentor', 'otherMentor'], input: () => ({ mentorId: missingId('mentor'), team: 'x' }) },
  },
  {
    mutation: 'assignMentor',
    document: `mutation ($input: AssignMentorInput!) { assignMentor(input: $input) { id } }`,
    setup: async () => ({ team: await team() }),
    input: (t) => ({ internId: t.team.intern.id, mentorId: w.otherMentor.id, role: 'CO_MENTOR' }),
    state: (t) => internState(t.team.intern.id, 'mentorAssignments { role mentor { id } }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'eraseIntern',
    note: 'the subject is a team’s own intern: no one but a program manager may erase them, themselves included',
    document: `mutation ($input: EraseInternInput!) { eraseIntern(input: $input) { internId } }`,
    setup: async () => ({ team: await team() }),
    input: (t) => ({ internId: t.team.intern.id, reason: 'authorization matrix' }),
    state: (t) => internState(t.team.intern.id, 'name email erased'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'eraseMentor',
    note: 'the subject is the team’s primary mentor: only a program manager may erase them',
    document: `mutation ($input: EraseMentorInput!) { eraseMentor(input: $input) { mentorId } }`,
    setup: async () => ({ team: await team() }),
    input: (t) => ({ mentorId: t.team.primary.id, reason: 'authorization matrix' }),
    state: (t) => asPm(`query ($id: ID!) { mentor(id: $id) { name email erased } }`, { id: t.team.primary.id }),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'unassignMentor',
    document: `mutation ($input: UnassignMentorInput!) { unassignMentor(input: $input) { id } }`,
    setup: async () => ({ team: await team() }),
    input: (t) => ({ internId: t.team.intern.id, mentorId: t.team.coMentor.id }),
    state: (t) => internState(t.team.intern.id, 'mentorAssignments { role mentor { id } }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'scheduleTechTalk',
    document: `mutation ($input: ScheduleTechTalkInput!) { scheduleTechTalk(input: $input) { id } }`,
    setup: async () => ({}),
    input: () => talkInput(w.cohort, 3),
    state: () => cohortState(w.cohort.id, 'calendar { techTalks(first: 1) { totalCount } }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'rsvpTechTalk',
    document: `mutation ($input: RsvpTechTalkInput!) { rsvpTechTalk(input: $input) { id rsvpCount } }`,
    setup: async () => ({
      talkId: ok(await gql(OPS_TALK, { input: talkInput(w.cohort, 4) }, { token: w.pm }), 'talk').scheduleTechTalk.id,
    }),
    input: (t) => ({ talkId: t.talkId }),
    state: () => cohortState(w.cohort.id, 'calendar { techTalks(first: 50) { edges { node { id rsvpCount } } } }'),
    expect: { self: 'ALLOWED' },
  },
  {
    mutation: 'openPresentationSlots',
    document: `mutation ($input: OpenPresentationSlotsInput!) { openPresentationSlots(input: $input) { id } }`,
    setup: async () => ({}),
    input: () => ({
      cohortId: w.cohort.id,
      slots: [
        {
          startsAt: `${addDays(w.cohort.startDate, 11 * 7 + 3)}T09:00:00.000Z`,
          durationMinutes: 30,
          panelMentorIds: [w.main.coMentor.id],
        },
      ],
    }),
    state: () => cohortState(w.cohort.id, 'calendar { presentationSlots(first: 1) { totalCount } }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'rescheduleTechTalk',
    document: `mutation ($input: RescheduleTechTalkInput!) { rescheduleTechTalk(input: $input) { id startsAt } }`,
    setup: async () => ({
      talkId: ok(await gql(OPS_TALK, { input: talkInput(w.cohort, 5) }, { token: w.pm }), 'talk').scheduleTechTalk.id,
    }),
    input: (t) => ({
      talkId: t.talkId,
      startsAt: `${addDays(w.cohort.startDate, 5 * 7 + 2)}T15:00:00.000Z`,
      durationMinutes: 45,
    }),
    state: () =>
      cohortState(w.cohort.id, 'calendar { techTalks(first: 50) { edges { node { id startsAt durationMinutes } } } }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'cancelTechTalk',
    document: `mutation ($input: CancelTechTalkInput!) { cancelTechTalk(input: $input) { id status } }`,
    setup: async () => ({
      talkId: ok(await gql(OPS_TALK, { input: talkInput(w.cohort, 5) }, { token: w.pm }), 'talk').scheduleTechTalk.id,
    }),
    input: (t) => ({ talkId: t.talkId, reason: 'The speaker is ill' }),
    state: () => cohortState(w.cohort.id, 'calendar { techTalks(first: 50) { edges { node { id status } } } }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'closePresentationSlot',
    document: `mutation ($input: ClosePresentationSlotInput!) { closePresentationSlot(input: $input) { id status } }`,
    setup: async () => ({
      slotId: (await openSlots(w.pm, w.cohort, [w.otherMentor.id], 1, 60 + ++slotOffset * 30))[0],
    }),
    input: (t) => ({ slotId: t.slotId, reason: 'The room is not available' }),
    state: () => cohortState(w.cohort.id, 'calendar { presentationSlots(first: 50) { edges { node { id status } } } }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'bookPresentationSlot',
    document: `mutation ($input: BookPresentationSlotInput!) { bookPresentationSlot(input: $input) { id booked } }`,
    // The other mentor sits on the panel: they score this presentation later (scorePresentation).
    setup: async () => ({ slotId: (await openSlots(w.pm, w.cohort, [w.otherMentor.id]))[0] }),
    input: (t) => ({ slotId: t.slotId }),
    state: () => cohortState(w.cohort.id, 'calendar { presentationSlots(first: 50) { edges { node { id booked } } } }'),
    expect: { self: 'ALLOWED' },
  },
  {
    mutation: 'cancelPresentationBooking',
    document: `mutation ($input: CancelPresentationBookingInput!) { cancelPresentationBooking(input: $input) { id booked } }`,
    setup: async () => {
      const t = await team();
      const [slotId] = await openSlots(w.pm, w.cohort, [t.primary.id], 1, 60 + ++slotOffset * 30);
      ok(await gql(OPS_BOOK, { input: { slotId } }, { token: t.intern.token }), 'book');
      return { team: t, slotId };
    },
    input: (t) => ({ slotId: t.slotId }),
    state: () => cohortState(w.cohort.id, 'calendar { presentationSlots(first: 50) { edges { node { id booked } } } }'),
    expect: { self: 'ALLOWED', pm: 'ALLOWED' },
    freshPerAllowed: true,
  },
  {
    mutation: 'draftProjectScope',
    document: `mutation ($input: DraftProjectScopeInput!) { draftProjectScope(input: $input) { id } }`,
    setup: async () => ({ team: await team() }),
    input: () => aScope(),
    state: (t) => internState(t.team.intern.id, 'project { id revision }'),
    expect: { self: 'ALLOWED', otherIntern: 'OWN' },
  },
  {
    mutation: 'submitProjectScope',
    document: `mutation ($input: SubmitProjectScopeInput!) { submitProjectScope(input: $input) { id status } }`,
    setup: () => scopedTeam('DRAFT'),
    input: (t) => ({ projectId: t.project.id }),
    state: (t) => asPm(`query ($id: ID!) { project(id: $id) { revision status } }`, { id: t.project.id }),
    expect: { self: 'ALLOWED', otherIntern: 'NOT_FOUND' },
    probe: { actors: ['otherIntern'], input: () => ({ projectId: missingId() }) },
  },
  {
    mutation: 'requestScopeChanges',
    document: `mutation ($input: RequestScopeChangesInput!) { requestScopeChanges(input: $input) { id status } }`,
    setup: () => scopedTeam('SUBMITTED'),
    input: (t) => ({ projectId: t.project.id, feedback: 'Make the target per user segment' }),
    state: (t) => asPm(`query ($id: ID!) { project(id: $id) { revision status } }`, { id: t.project.id }),
    expect: { primary: 'ALLOWED', otherMentor: 'NOT_FOUND' },
    probe: { actors: ['otherMentor'], input: () => ({ projectId: missingId(), feedback: 'x' }) },
  },
  {
    mutation: 'approveProjectScope',
    document: `mutation ($input: ApproveProjectScopeInput!) { approveProjectScope(input: $input) { id status } }`,
    setup: () => scopedTeam('SUBMITTED'),
    input: (t) => ({ projectId: t.project.id }),
    state: (t) => asPm(`query ($id: ID!) { project(id: $id) { revision status } }`, { id: t.project.id }),
    expect: { primary: 'ALLOWED', otherMentor: 'NOT_FOUND' },
    probe: { actors: ['otherMentor'], input: () => ({ projectId: missingId() }) },
  },
  {
    mutation: 'submitMilestoneReport',
    document: `mutation ($input: SubmitMilestoneReportInput!) { submitMilestoneReport(input: $input) { id } }`,
    setup: () => scopedTeam('APPROVED'),
    input: (t) => aReport(t.project.milestoneIds[0]),
    state: (t) => asPm(`query ($id: ID!) { project(id: $id) { milestones { reports { id } } } }`, { id: t.project.id }),
    expect: { self: 'ALLOWED', otherIntern: 'NOT_FOUND' },
    probe: { actors: ['otherIntern'], input: () => aReport(missingId()) },
  },
  {
    mutation: 'reviewMilestoneReport',
    document: `mutation ($input: ReviewMilestoneReportInput!) { reviewMilestoneReport(input: $input) { id status } }`,
    setup: async () => {
      const { team: t, project } = await scopedTeam('APPROVED');
      const reportIds = [
        await submitReport(t.intern, project.milestoneIds[0]!),
        await submitReport(t.intern, project.milestoneIds[1]!),
      ];
      return { team: t, project, reportIds };
    },
    // Each allowed mentor reviews a report of their own (a report is reviewed once).
    input: (t, actor) => ({
      reportId: t.reportIds[actor === 'coMentor' ? 1 : 0],
      decision: 'ACCEPTED',
      feedback: 'Good',
    }),
    state: (t) =>
      asPm(`query ($id: ID!) { project(id: $id) { milestones { reports { id status } } } }`, { id: t.project.id }),
    expect: { primary: 'ALLOWED', coMentor: 'ALLOWED', otherMentor: 'NOT_FOUND' },
    probe: { actors: ['otherMentor'], input: () => ({ reportId: missingId(), decision: 'ACCEPTED', feedback: 'x' }) },
  },
  {
    mutation: 'setNotificationPreferences',
    note: "each caller's own preferences: anyone signed in, about themself only",
    document: `mutation ($input: SetNotificationPreferencesInput!) { setNotificationPreferences(input: $input) { email } }`,
    setup: async () => ({}),
    input: () => ({ email: true }),
    state: async () => (await gql(`{ notificationPreferences { email } }`, {}, { token: w.main.intern.token })).data,
    expect: {
      self: 'ALLOWED',
      otherIntern: 'ALLOWED',
      primary: 'ALLOWED',
      coMentor: 'ALLOWED',
      otherMentor: 'ALLOWED',
      pm: 'ALLOWED',
    },
  },
];

const PHASE_1: Case<any>[] = [
  {
    mutation: 'completeOnboardingTask',
    document: `mutation ($input: CompleteOnboardingTaskInput!) { completeOnboardingTask(input: $input) { id } }`,
    setup: async () => ({}),
    input: () => ({ cohortId: w.cohort.id, taskId: w.cohort.checklist[0] }),
    state: () => internState(w.main.intern.id, 'enrollments { onboarding { completedCount } }'),
    expect: { self: 'ALLOWED' },
  },
  {
    mutation: 'logCheckIn',
    document: `mutation ($input: LogCheckInInput!) { logCheckIn(input: $input) { id } }`,
    setup: async () => ({}),
    input: () => aCheckIn(w.main.intern.id, addDays(w.cohort.startDate, 1)),
    state: () => internState(w.main.intern.id, 'checkIns(first: 1) { totalCount }'),
    expect: { primary: 'ALLOWED', coMentor: 'ALLOWED' },
    probe: { actors: ['otherMentor'], input: () => aCheckIn(missingId('intern'), addDays(w.cohort.startDate, 1)) },
  },
  {
    mutation: 'extendInternship',
    document: `mutation ($input: ExtendInternshipInput!) { extendInternship(input: $input) { id extensionWeeks } }`,
    setup: async () => ({ team: await team() }),
    input: (t) => ({
      cohortId: w.cohort.id,
      internId: t.team.intern.id,
      weeks: 1,
      reason: 'More time for the A/B test',
    }),
    state: (t) => internState(t.team.intern.id, 'enrollments { extensionWeeks }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'withdrawIntern',
    document: `mutation ($input: WithdrawInternInput!) { withdrawIntern(input: $input) { id status } }`,
    setup: async () => ({ team: await team() }),
    input: (t) => ({ cohortId: w.cohort.id, internId: t.team.intern.id, reason: 'Accepted another offer' }),
    state: (t) => internState(t.team.intern.id, 'enrollments { status }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'reinstateIntern',
    document: `mutation ($input: ReinstateInternInput!) { reinstateIntern(input: $input) { id status } }`,
    setup: async () => {
      const t = await team();
      ok(
        await gql(
          `mutation ($input: WithdrawInternInput!) { withdrawIntern(input: $input) { id } }`,
          { input: { cohortId: w.cohort.id, internId: t.intern.id, reason: 'Family matters' } },
          { token: w.pm },
        ),
        'withdraw',
      );
      return { team: t };
    },
    input: (t) => ({ cohortId: w.cohort.id, internId: t.team.intern.id, reason: 'Back from leave' }),
    state: (t) => internState(t.team.intern.id, 'enrollments { status }'),
    expect: { pm: 'ALLOWED' },
  },
];

const PHASE_6: Case<any>[] = [
  {
    mutation: 'recordTalkAttendance',
    document: `mutation ($input: RecordTalkAttendanceInput!) { recordTalkAttendance(input: $input) { id attendanceCount } }`,
    setup: async () => ({}),
    input: () => ({ talkId: w.pastTalkId, internIds: [w.main.intern.id] }),
    state: () => internState(w.main.intern.id, 'talkAttendance { attended }'),
    expect: { pm: 'ALLOWED' },
  },
  {
    mutation: 'submitMentorEvaluation',
    document: `mutation ($input: SubmitMentorEvaluationInput!) { submitMentorEvaluation(input: $input) { id } }`,
    setup: async () => {
      await windowOpen(w.main.intern.id, 'MIDPOINT');
      return {};
    },
    input: () => midpointEvaluation(w.main.intern.id),
    state: () => asPm(`query ($id: ID!) { evaluations(internId: $id) { kind cycle } }`, { id: w.main.intern.id }),
    // SPEC §7: a program manager may submit or correct it on the mentor's behalf once the window opened.
    expect: { primary: 'ALLOWED', pm: 'ALLOWED' },
    probe: { actors: ['coMentor', 'otherMentor'], input: () => midpointEvaluation(missingId('intern')) },
  },
  {
    mutation: 'submitMentorFeedback',
    note: 'the intern rates their own primary mentor: the operation names no other person',
    document: `mutation ($input: SubmitMentorFeedbackInput!) { submitMentorFeedback(input: $input) { cycle } }`,
    setup: async () => {
      await windowOpen(w.main.intern.id, 'MIDPOINT');
      return {};
    },
    input: () => ({
      cycle: 'MIDPOINT',
      ratings: ['COMMUNICATION', 'AVAILABILITY', 'GUIDANCE'].map((criterion) => ({ criterion, score: 4 })),
      comments: 'Answers quickly, explains why',
    }),
    state: () =>
      asPm(`query ($id: ID!) { mentorFeedback(internId: $id) { cycle averageScore } }`, { id: w.main.intern.id }),
    expect: { self: 'ALLOWED', otherIntern: 'OWN' },
  },
  {
    mutation: 'submitSelfEvaluation',
    document: `mutation ($input: SubmitSelfEvaluationInput!) { submitSelfEvaluation(input: $input) { id } }`,
    setup: async () => ({}),
    input: () => ({ cycle: 'MIDPOINT', scores: competencyScores(4), reflections: 'I learned to ship' }),
    state: () => asPm(`query ($id: ID!) { evaluations(internId: $id) { kind cycle } }`, { id: w.main.intern.id }),
    expect: { self: 'ALLOWED', otherIntern: 'OWN' },
  },
];

const PHASE_13: Case<any>[] = [
  {
    mutation: 'scorePresentation',
    note: 'the panel of the subject’s slot is the other mentor; the subject’s own mentors are not on it',
    document: `mutation ($input: ScorePresentationInput!) { scorePresentation(input: $input) { averageScore } }`,
    setup: async () => ({ criteria: await presentationCriteria(w.pm) }),
    input: (t) => ({
      slotId: w.bookedSlotId,
      scores: t.criteria.map((criterion: string) => ({ criterion, score: 4 })),
      comments: 'Clear and convincing',
    }),
    state: () => internState(w.main.intern.id, 'presentation { panelCount }'),
    // A mentor off the panel is told what an unknown slot tells: slot ids cannot be probed.
    expect: { otherMentor: 'ALLOWED', primary: 'NOT_FOUND', coMentor: 'NOT_FOUND' },
    probe: {
      actors: ['primary', 'coMentor'],
      input: (t) => ({ slotId: missingId(), scores: t.criteria.map((criterion: string) => ({ criterion, score: 4 })) }),
    },
  },
  {
    mutation: 'advanceCohortClock',
    document: `mutation ($input: AdvanceCohortClockInput!) { advanceCohortClock(input: $input) { id currentWeek } }`,
    setup: async () => ({ cohort: await scheduleCohort(w.pm) }),
    input: (t) => ({ cohortId: t.cohort.id, toWeek: 1 }),
    state: (t) => cohortState(t.cohort.id, 'currentWeek status'),
    expect: { pm: 'ALLOWED' },
  },];

const OPS_TALK = `mutation ($input: ScheduleTechTalkInput!) { scheduleTechTalk(input: $input) { id } }`;
const OPS_BOOK = `mutation ($input: BookPresentationSlotInput!) { bookPresentationSlot(input: $input) { id } }`;
let slotOffset = 0;

function midpointEvaluation(internId: string): Record<string, unknown> {
  return {
    internId,
    cycle: 'MIDPOINT',
    scores: competencyScores(4),
    sharedComments: 'On track',
    privateComments: 'Solid; watch the scope',
    decision: 'CONTINUE',
  };
}

async function windowOpen(internId: string, cycle: 'MIDPOINT' | 'FINAL'): Promise<void> {
  await eventually(
    async () => {
      const res = await gql(
        `query ($id: ID!) { evaluationWindows(internId: $id) { cycle status } }`,
        { id: internId },
        { token: w.pm },
      );
      const found = (res.data?.evaluationWindows ?? []).find((x: { cycle: string }) => x.cycle === cycle);
      return found?.status === 'OPEN' ? true : undefined;
    },
    { timeoutMs: 45_000, what: `the ${cycle} window of ${internId} to open` },
  );
}

// ---- running it ----------------------------------------------------------------------------

interface Row {
  mutation: string;
  actor: Actor;
  outcome: Outcome;
  probed?: boolean;
}
const matrix: Row[] = [];

async function call(c: Case<Setup>, t: Setup, actor: Actor, input = c.input(t, actor)): Promise<GraphQLResponse> {
  return gql(c.document, { input }, { token: tokenOf(actor, t) });
}

function describeCases(cases: Case<any>[]): void {
  for (const c of cases) {
    describe(c.mutation, () => {
      let t: Setup;
      beforeAll(async () => {
        t = await c.setup();
      }, 180_000);

      // Refusals first, on the same state; then the allowed calls.
      const order = [...ACTORS].sort(
        (a, b) => Number(outcomeOf(c, a) === 'ALLOWED') - Number(outcomeOf(c, b) === 'ALLOWED'),
      );
      for (const actor of order) {
        const outcome = outcomeOf(c, actor);
        it(`${WHO[actor]} → ${outcome}`, async () => {
          matrix.push({ mutation: c.mutation, actor, outcome });
          if (outcome === 'ALLOWED') {
            const target =
              c.freshPerAllowed && order.indexOf(actor) > order.findIndex((a) => outcomeOf(c, a) === 'ALLOWED')
                ? await c.setup()
                : t;
            // Retried while another service's projection catches up (a refused call changed nothing).
            const data = await until(`${c.mutation} by ${actor}`, () => call(c, target, actor));
            expectLabelled(data[c.mutation], `${c.mutation} by ${actor}`).toBeTruthy();
            if (c.mutation === 'bookPresentationSlot') w.bookedSlotId = target.slotId as string;
            return;
          }
          const before = await c.state(t);
          const res = await call(c, t, actor);
          if (outcome === 'OWN') {
            expectLabelled(codes(res), `${c.mutation} by ${actor}`).not.toContain('FORBIDDEN');
            expectLabelled(codes(res), `${c.mutation} by ${actor}`).not.toContain('UNAUTHENTICATED');
          } else {
            expectLabelled(codes(res), `${c.mutation} by ${actor}: ${JSON.stringify(res.errors)}`).toEqual([outcome]);
            expect(res.data?.[c.mutation] ?? null).toBeNull();
          }
          // Refused (or acting on someone else): the subject's state did not change.
          expectLabelled(await c.state(t), `${c.mutation} by ${actor} changed nothing`).toEqual(before);
          if (c.probe?.actors.includes(actor)) {
            const probe = await call(c, t, actor, c.probe.input(t, actor));
            expectLabelled(codes(probe), `${c.mutation} by ${actor} on an id that does not exist`).toEqual(codes(res));
            matrix[matrix.length - 1]!.probed = true;
          }
        });
      }
    });
  }
}

beforeAll(async () => {
  w.pm = await pmToken();
  const [cohort, other] = await Promise.all([
    scheduleCohort(w.pm, { capacity: 40 }),
    scheduleCohort(w.pm, { capacity: 5 }),
  ]);
  w.cohort = cohort;
  const [intern, primary, coMentor, otherMentor, otherIntern] = await Promise.all([
    enrollIntern(w.pm, cohort.id),
    registerMentor(w.pm),
    registerMentor(w.pm),
    registerMentor(w.pm),
    enrollIntern(w.pm, other.id),
  ]);
  w.main = { intern, primary, coMentor };
  w.otherMentor = otherMentor;
  w.otherIntern = otherIntern;
  await assignMentor(w.pm, intern.id, primary.id, 'PRIMARY');
  await assignMentor(w.pm, intern.id, coMentor.id, 'CO_MENTOR');
  await assignMentor(w.pm, otherIntern.id, otherMentor.id, 'PRIMARY');
  await cohortsKnowsMentor(primary, intern.id);
  await cohortsKnowsMentor(coMentor, intern.id);
  w.pastTalkId = ok(await gql(OPS_TALK, { input: talkInput(cohort, 2) }, { token: w.pm }), 'talk').scheduleTechTalk.id;
}, 180_000);

afterAll(() => {
  // The matrix, for the record: mutation × who → expected outcome (* = also probed with an id that does not exist).
  const byMutation = new Map<string, Row[]>();
  for (const row of matrix) byMutation.set(row.mutation, [...(byMutation.get(row.mutation) ?? []), row]);
  const lines = [...byMutation.entries()].map(
    ([m, rows]) =>
      `${m.padEnd(26)} ${ACTORS.map((a) => {
        const r = rows.find((x) => x.actor === a);
        return `${a}=${r ? r.outcome + (r.probed ? '*' : '') : '-'}`;
      }).join(' ')}`,
  );
  if (lines.length) process.stdout.write(`\nauthorization matrix (${matrix.length} rows):\n${lines.join('\n')}\n`);
});

describe('authorization matrix through the gateway', () => {
  describe('before the cohort starts (week 0)', () => describeCases(PHASE_0));

  describe('week 1', () => {
    beforeAll(async () => {
      await advanceCohort(w.pm, w.cohort.id, 1);
    });
    describeCases(PHASE_1);
  });

  describe('week 6 (midpoint)', () => {
    beforeAll(async () => {
      await advanceCohort(w.pm, w.cohort.id, 6);
    });
    describeCases(PHASE_6);
  });

  describe('after the presentations week (the cohort completed)', () => {
    beforeAll(async () => {
      await advanceCohort(w.pm, w.cohort.id, 13);
    });
    describeCases(PHASE_13);
  });
});
