import { beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, gql, signIn } from './support/client.js';
import {
  aReport,
  advanceCohort,
  approveScope,
  assignMentor,
  competencyScores,
  draftScope,
  enrollIntern,
  ok,
  OPS,
  registerMentor,
  scheduleCohort,
  submitReport,
  submitScope,
  type CohortRef,
  type Person,
  type ProjectRef,
} from './support/program.js';

// SPEC §7 reminders through the gateway, every service on the sandbox clock: two days before each
// of an intern's own deadlines (Saturday 00:00 of the due week, the cohort's local time) the
// people who must act get a notification. The sandbox clock jumps whole weeks, so the reminders
// of a week are published when the clock passes it, before that deadline's overdue notice; each
// once, and never for a deadline already met.
//   week 2 (scope):        SCOPE_DUE_SOON      — the intern; the primary mentor too while a version awaits approval
//   week 4 (milestone 1):  MILESTONE_DUE_SOON  — the intern; the mentor too while a report awaits review
//   week 6 (MIDPOINT):     EVALUATION_WINDOW_CLOSING  — whoever's evaluation is missing (mentor, intern)

const NOTIFICATIONS = `query ($first: Int) { notifications(first: $first) {
  edges { node { id type internId subjectId cohortId eventType } } } }`;
const REVIEW = `mutation ($input: ReviewMilestoneReportInput!) { reviewMilestoneReport(input: $input) { id status } }`;
const SUBMIT_SELF = `mutation ($input: SubmitSelfEvaluationInput!) { submitSelfEvaluation(input: $input) { id } }`;
const WINDOWS = `query ($id: ID!) { evaluationWindows(internId: $id) { cycle week status } }`;

interface Note {
  id: string;
  type: string;
  internId: string | null;
  subjectId: string | null;
  cohortId: string | null;
  eventType: string | null;
}

let pm: string;
let cohort: CohortRef;
let mentor: Person;
let silent: Person; // never drafts a scope
let waiting: Person; // submits a scope the mentor never approves
let reporting: Person; // approved; reports on milestone 1, the report awaits review
let diligent: Person; // approved; milestone 1 accepted; both midpoint evaluations in
const projects = new Map<string, ProjectRef>();

async function notesOf(person: { token: string }, cohortId: string): Promise<Note[]> {
  const res = await gql(NOTIFICATIONS, { first: 100 }, { token: person.token });
  return ok(res, 'notifications')
    .notifications.edges.map((e: { node: Note }) => e.node)
    .filter((n: Note) => n.cohortId === cohortId || n.cohortId === null);
}

const ofType = (notes: Note[], type: string, internId: string) =>
  notes.filter((n) => n.type === type && n.internId === internId);

/** Waits until `person` has a notification of `type` about `internId`; returns all of them. */
async function waitFor(person: Person, type: string, internId: string): Promise<Note[]> {
  return eventually(
    async () => {
      const found = ofType(await notesOf(person, cohort.id), type, internId);
      return found.length > 0 ? found : undefined;
    },
    { timeoutMs: 45_000, what: `${type} about ${internId} for ${person.id}` },
  );
}

beforeAll(async () => {
  pm = await signIn('pm-reminders-e2e', 'PROGRAM_MANAGER');
  cohort = await scheduleCohort(pm, { capacity: 6 });
  mentor = await registerMentor(pm);
  silent = await enrollIntern(pm, cohort.id, { name: 'Silent Intern' });
  waiting = await enrollIntern(pm, cohort.id, { name: 'Waiting Intern' });
  reporting = await enrollIntern(pm, cohort.id, { name: 'Reporting Intern' });
  diligent = await enrollIntern(pm, cohort.id, { name: 'Diligent Intern' });
  for (const intern of [silent, waiting, reporting, diligent]) await assignMentor(pm, intern.id, mentor.id);
  await submitScope(waiting, await draftScope(waiting));
  for (const intern of [reporting, diligent]) {
    const draft = await draftScope(intern);
    await submitScope(intern, draft);
    projects.set(intern.id, await approveScope(mentor, draft));
  }
  await advanceCohort(pm, cohort.id, 1);
}, 240_000);

describe('reminders two days before each deadline, as notifications', () => {
  it('the scope: the intern, and the mentor while a version awaits approval; not once approved', async () => {
    await advanceCohort(pm, cohort.id, 3);
    await waitFor(silent, 'SCOPE_DUE_SOON', silent.id);
    await waitFor(waiting, 'SCOPE_DUE_SOON', waiting.id);
    await waitFor(mentor, 'SCOPE_DUE_SOON', waiting.id);
    // The overdue notices come after the reminders; once they are in, nothing more is coming.
    await waitFor(silent, 'SCOPE_OVERDUE', silent.id);
    const mine = await notesOf(mentor, cohort.id);
    expect(ofType(mine, 'SCOPE_DUE_SOON', waiting.id)).toHaveLength(1);
    expect(ofType(mine, 'SCOPE_DUE_SOON', reporting.id)).toEqual([]);
    expect(ofType(await notesOf(diligent, cohort.id), 'SCOPE_DUE_SOON', diligent.id)).toEqual([]);
    expect(ofType(await notesOf(silent, cohort.id), 'SCOPE_DUE_SOON', silent.id)).toHaveLength(1);
  });

  it('a milestone: the intern, and the mentor while a report awaits review; not once accepted', async () => {
    const [firstOfReporting] = projects.get(reporting.id)!.milestoneIds;
    const [firstOfDiligent] = projects.get(diligent.id)!.milestoneIds;
    await submitReport(reporting, firstOfReporting!);
    const accepted = ok(
      await gql(OPS.report, { input: aReport(firstOfDiligent!) }, { token: diligent.token }),
      'submitMilestoneReport',
    ).submitMilestoneReport.id as string;
    ok(
      await gql(
        REVIEW,
        { input: { reportId: accepted, decision: 'ACCEPTED', feedback: 'Good' } },
        { token: mentor.token },
      ),
      'reviewMilestoneReport',
    );
    await advanceCohort(pm, cohort.id, 5);
    const toIntern = await waitFor(reporting, 'MILESTONE_DUE_SOON', reporting.id);
    expect(toIntern).toHaveLength(1);
    expect(toIntern[0]!.subjectId).toBeDefined();
    await waitFor(mentor, 'MILESTONE_DUE_SOON', reporting.id);
    expect(ofType(await notesOf(diligent, cohort.id), 'MILESTONE_DUE_SOON', diligent.id)).toEqual([]);
    expect(ofType(await notesOf(mentor, cohort.id), 'MILESTONE_DUE_SOON', diligent.id)).toEqual([]);
  });

  it('the MIDPOINT window: whoever’s evaluation is missing; nobody for an intern whose evaluations are in', async () => {
    await advanceCohort(pm, cohort.id, 6);
    await eventually(
      async () => {
        const res = await gql(WINDOWS, { id: diligent.id }, { token: pm });
        const window = (res.data?.evaluationWindows ?? []).find((w: { cycle: string }) => w.cycle === 'MIDPOINT');
        return window?.status === 'OPEN' ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'the MIDPOINT window to open' },
    );
    ok(
      await gql(
        OPS.mentorEvaluation,
        {
          input: {
            internId: diligent.id,
            cycle: 'MIDPOINT',
            scores: competencyScores(4),
            sharedComments: 'On track',
            decision: 'CONTINUE',
          },
        },
        { token: mentor.token },
      ),
      'submitMentorEvaluation',
    );
    ok(
      await gql(
        SUBMIT_SELF,
        { input: { cycle: 'MIDPOINT', scores: competencyScores(4), reflections: 'Learning a lot' } },
        { token: diligent.token },
      ),
      'submitSelfEvaluation',
    );
    await advanceCohort(pm, cohort.id, 7);
    for (const intern of [silent, waiting, reporting]) {
      await waitFor(intern, 'EVALUATION_WINDOW_CLOSING', intern.id);
      await waitFor(mentor, 'EVALUATION_WINDOW_CLOSING', intern.id);
    }
    expect(ofType(await notesOf(diligent, cohort.id), 'EVALUATION_WINDOW_CLOSING', diligent.id)).toEqual([]);
    expect(ofType(await notesOf(mentor, cohort.id), 'EVALUATION_WINDOW_CLOSING', diligent.id)).toEqual([]);
  });

  it('each reminder once, however far the clock goes on', async () => {
    await advanceCohort(pm, cohort.id, 9);
    // Week 8's milestone of the reporting intern is reminded when week 9 starts: wait for it, then count.
    await eventually(
      async () => {
        const notes = ofType(await notesOf(reporting, cohort.id), 'MILESTONE_DUE_SOON', reporting.id);
        return notes.length >= 2 ? true : undefined;
      },
      { timeoutMs: 45_000, what: 'the reminder of the second milestone' },
    );
    const mentorNotes = await notesOf(mentor, cohort.id);
    for (const intern of [silent, waiting, reporting]) {
      const own = await notesOf(intern, cohort.id);
      expect(ofType(own, 'EVALUATION_WINDOW_CLOSING', intern.id)).toHaveLength(1);
      expect(ofType(mentorNotes, 'EVALUATION_WINDOW_CLOSING', intern.id)).toHaveLength(1);
    }
    expect(ofType(await notesOf(silent, cohort.id), 'SCOPE_DUE_SOON', silent.id)).toHaveLength(1);
    expect(ofType(await notesOf(waiting, cohort.id), 'SCOPE_DUE_SOON', waiting.id)).toHaveLength(1);
    expect(ofType(mentorNotes, 'SCOPE_DUE_SOON', waiting.id)).toHaveLength(1);
    // One per milestone: two milestones (weeks 4 and 8), two reminders, each about its own milestone.
    const milestones = ofType(await notesOf(reporting, cohort.id), 'MILESTONE_DUE_SOON', reporting.id);
    expect(milestones).toHaveLength(2);
    expect(new Set(milestones.map((n) => n.subjectId)).size).toBe(2);
  });
});
