import { beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#ddd';
import { codes, eventually, gql, signIn } from './support/client.js';
import {
  advanceCohort,
  assignMentor,
  competencyScores,
  enrollIntern,
  ok,
  registerMentor,
  scheduleCohort,
  until,
  type CohortRef,
  type Person,
} from './support/program.js';

// Issue 13 through the gateway, with every service running: the interns rate their primary
// mentor (the mentor sees averages only from the third intern on), a final PASS recommended YES,
// the program manager records the offer EXTENDED then ACCEPTED, and programReport shows the cohort
// once its program ended, with conversion and mentor feedback. The program runs on the sandbox clock.

const WINDOWS = `query ($id: ID!) { evaluationWindows(internId: $id) { cycle week status } }`;
const SUBMIT_MENTOR = `mutation ($input: SubmitMentorEvaluationInput!) { submitMentorEvaluation(input: $input) { id } }`;
const SUBMIT_SELF = `mutation ($input: SubmitSelfEvaluationInput!) { submitSelfEvaluation(input: $input) { id } }`;
const FEEDBACK = `mutation ($input: SubmitMentorFeedbackInput!) {
  submitMentorFeedback(input: $input) { id mentorId cycle averageScore revision ratings { criterion score } } }`;
const SUMMARY = `query ($m: ID!) { mentorFeedbackSummary(mentorId: $m) { mentorId interns averages { criterion average } overall } }`;
const PER_INTERN = `query ($i: ID!) { mentorFeedback(internId: $i) { internId mentorId cycle averageScore comments } }`;
const RECORD = `mutation ($input: RecordOfferDecisionInput!) {
  recordOfferDecision(input: $input) { internId status outcome returnOffer { recommendation status decidedAt } } }`;
const ENROLLMENT = `query ($id: ID!) { intern(id: $id) { id enrollments { cohortId status outcome
  returnOffer { recommendation status decidedAt } } } }`;
const PROGRAM = `query ($from: Date!, $to: Date!) { programReport(from: $from, to: $to) {
  cohortId cohortName endedOn interns completed completionRate passRate offersRecommended offersExtended
  offersAccepted acceptanceRate nps mentorFeedbackAverage } }`;

const ratings = (communication: number, availability: number, guidance: number) => [
  { criterion: 'COMMUNICATION', score: communication },
  { criterion: 'AVAILABILITY', score: availability },
  { criterion: 'GUIDANCE', score: guidance },
];

let pm: string;
let cohort: CohortRef;
let mentor: Person;
let ada: Person;
let bob: Person;
let cy: Person;

async function finalWindowOpen(internId: string): Promise<void> {
  await eventually(
    async () => {
      const res = await gql(WINDOWS, { id: internId }, { token: pm });
      const w = (res.data?.evaluationWindows ?? []).find((x: { cycle: string }) => x.cycle === 'FINAL');
      return w?.status === 'OPEN' ? w : undefined;
    },
    { timeoutMs: 30_000, what: `the FINAL window of ${internId} to open` },
  );
}

async function enrollmentOf(internId: string): Promise<any> {
  const res = await gql(ENROLLMENT, { id: internId }, { token: pm });
  return ok(res, 'intern').intern.enrollments.find((e: { cohortId: string }) => e.cohortId === cohort.id);
}

beforeAll(async () => {
  pm = await signIn('pm-offers-e2e', 'PROGRAM_MANAGER');
  cohort = await scheduleCohort(pm, { capacity: 5 });
  mentor = await registerMentor(pm);
  ada = await enrollIntern(pm, cohort.id, { name: 'Ada Offer' });
  bob = await enrollIntern(pm, cohort.id, { name: 'Bob Feedback' });
  cy = await enrollIntern(pm, cohort.id, { name: 'Cy Feedback' });
  for (const intern of [ada, bob, cy]) await assignMentor(pm, intern.id, mentor.id);
  await advanceCohort(pm, cohort.id, cohort.weeks); // the presentations week: FINAL windows open
  for (const intern of [ada, bob, cy]) await finalWindowOpen(intern.id);
}, 180_000);

describe('feedback on the mentor', () => {
  it('shows the mentor no averages with two interns, then the averages from the third', async () => {
    const give = async (intern: Person, r: ReturnType<typeof ratings>) =>
      (
        await until(`submitMentorFeedback by ${intern.id}`, () =>
          gql(
            FEEDBACK,
            { input: { cycle: 'FINAL', ratings: r, comments: `From ${intern.id}` } },
            { token: intern.token },
          ),
        )
      ).submitMentorFeedback;

    expect(await give(ada, ratings(5, 4, 3))).toMatchObject({ mentorId: mentor.id, averageScore: 4, revision: 1 });
    await give(bob, ratings(4, 4, 4));
    const two = await gql(SUMMARY, { m: mentor.id }, { token: mentor.token });
    expect(codes(two)).toEqual([]);
    expect(two.data.mentorFeedbackSummary).toBeNull();

    await give(cy, ratings(3, 5, 2));
    const three = ok(await gql(SUMMARY, { m: mentor.id }, { token: mentor.token }), 'mentorFeedbackSummary');
    expect(three.mentorFeedbackSummary).toEqual({
      mentorId: mentor.id,
      interns: 3,
      averages: [
        { criterion: 'COMMUNICATION', average: 4 },
        { criterion: 'AVAILABILITY', average: 4.33 },
        { criterion: 'GUIDANCE', average: 3 },
      ],
      overall: 3.78,
    });

    // Per intern, only program managers; another mentor's summary is not for a mentor.
    expect(codes(await gql(PER_INTERN, { i: ada.id }, { token: mentor.token }))).toEqual(['FORBIDDEN']);
    const perIntern = ok(await gql(PER_INTERN, { i: ada.id }, { token: pm }), 'mentorFeedback').mentorFeedback;
    expect(perIntern).toEqual([
      { internId: ada.id, mentorId: mentor.id, cycle: 'FINAL', averageScore: 4, comments: `From ${ada.id}` },
    ]);
    const stranger = await signIn(`mentor-stranger-${ada.id}`, 'MENTOR');
    expect(codes(await gql(SUMMARY, { m: mentor.id }, { token: stranger }))).toEqual(['FORBIDDEN']);
  });
});

describe('return offers', () => {
  it('records EXTENDED then ACCEPTED for an intern who passed, with the recommendation kept', async () => {
    ok(
      await gql(
        SUBMIT_SELF,
        { input: { cycle: 'FINAL', scores: competencyScores(4), reflections: 'I shipped it', programNps: 9 } },
        { token: ada.token },
      ),
      'submitSelfEvaluation',
    );
    ok(
      await gql(
        SUBMIT_MENTOR,
        {
          input: {
            internId: ada.id,
            cycle: 'FINAL',
            scores: competencyScores(4),
            sharedComments: 'Great work',
            decision: 'PASS',
            returnOffer: 'YES',
          },
        },
        { token: mentor.token },
      ),
      'submitMentorEvaluation FINAL',
    );
    await eventually(
      async () => {
        const e = await enrollmentOf(ada.id);
        return e?.status === 'COMPLETED' && e.returnOffer.recommendation === 'YES' ? e : undefined;
      },
      { timeoutMs: 30_000, what: 'the cohorts service to complete Ada with the recommendation' },
    );
    // ACCEPTED before EXTENDED, and an intern who has not passed, are conflicts.
    expect(
      codes(await gql(RECORD, { input: { cohortId: cohort.id, internId: ada.id, status: 'ACCEPTED' } }, { token: pm })),
    ).toEqual(['CONFLICT']);
    expect(
      codes(await gql(RECORD, { input: { cohortId: cohort.id, internId: bob.id, status: 'EXTENDED' } }, { token: pm })),
    ).toEqual(['CONFLICT']);
    expect(
      codes(
        await gql(
          RECORD,
          { input: { cohortId: cohort.id, internId: ada.id, status: 'EXTENDED' } },
          { token: ada.token },
        ),
      ),
    ).toEqual(['FORBIDDEN']);

    const extended = ok(
      await gql(RECORD, { input: { cohortId: cohort.id, internId: ada.id, status: 'EXTENDED' } }, { token: pm }),
      'recordOfferDecision EXTENDED',
    ).recordOfferDecision;
    expect(extended).toMatchObject({
      internId: ada.id,
      status: 'COMPLETED',
      outcome: 'PASS',
      returnOffer: { recommendation: 'YES', status: 'EXTENDED' },
    });
    const accepted = ok(
      await gql(RECORD, { input: { cohortId: cohort.id, internId: ada.id, status: 'ACCEPTED' } }, { token: pm }),
      'recordOfferDecision ACCEPTED',
    ).recordOfferDecision;
    expect(accepted.returnOffer).toMatchObject({ recommendation: 'YES', status: 'ACCEPTED' });
    expect(Date.parse(accepted.returnOffer.decidedAt)).toBeGreaterThanOrEqual(
      Date.parse(extended.returnOffer.decidedAt),
    );
  });
});

describe('programReport', () => {
  it('shows the cohort once its program ended: conversion, pass rate, NPS and mentor feedback', async () => {
    await advanceCohort(pm, cohort.id, cohort.weeks + 1); // the program ends
    const endedOn = addDays(cohort.startDate, cohort.weeks * 7 - 1);
    const range = { from: addDays(endedOn, -1), to: addDays(endedOn, 1) };
    const row = await eventually(
      async () => {
        const res = await gql(PROGRAM, range, { token: pm });
        const r = (res.data?.programReport ?? []).find((x: { cohortId: string }) => x.cohortId === cohort.id);
        return r && r.offersAccepted === 1 ? r : undefined;
      },
      { timeoutMs: 45_000, what: 'the cohort in programReport with its accepted offer' },
    );
    expect(row).toMatchObject({
      cohortId: cohort.id,
      endedOn,
      interns: 3,
      completed: 1,
      passRate: 1,
      offersRecommended: 1,
      offersExtended: 1,
      offersAccepted: 1,
      acceptanceRate: 1,
      nps: 100,
      mentorFeedbackAverage: 3.78, // (4 + 4 + 3.33) / 3
    });
    const outside = ok(
      await gql(PROGRAM, { from: addDays(endedOn, 1), to: addDays(endedOn, 30) }, { token: pm }),
      'programReport',
    );
    expect(outside.programReport.find((x: { cohortId: string }) => x.cohortId === cohort.id)).toBeUndefined();
    expect(codes(await gql(PROGRAM, range, { token: mentor.token }))).toEqual(['FORBIDDEN']);
  });
});
