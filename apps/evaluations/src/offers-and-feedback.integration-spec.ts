import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  CohortCompletedV1,
  InternEnrolledV1,
  MentorFeedbackSubmittedV1,
  ReturnOfferDecidedV1,
  type EventData,
} from '#contracts';
import { eventually, ofType } from '#testing';
import { enrolled, evaluationsWorld, token } from './testing/evaluations-world.js';

// SPEC §7 in the evaluations service, against real Postgres and Kafka: the interns' feedback on
// their mentor (averages over three interns or more), the return offers consumed from the cohorts
// service (a redelivery and a late older decision change nothing), and programReport.
const world = evaluationsWorld({ REMINDER_TICK_MS: '0' });
const { run, gql, publish, scheduleCohort, startWeeks, assign, atWeek } = world;

const FEEDBACK = `mutation ($input: SubmitMentorFeedbackInput!) {
  submitMentorFeedback(input: $input) { id cohortId internId mentorId cycle ratings { criterion score } comments averageScore revision } }`;
const SUMMARY = `query ($m: ID!) { mentorFeedbackSummary(mentorId: $m) { mentorId interns averages { criterion average } overall } }`;
const PER_INTERN = `query ($i: ID!) { mentorFeedback(internId: $i) { internId mentorId cycle averageScore comments } }`;
const PROGRAM = `query ($from: Date!, $to: Date!) { programReport(from: $from, to: $to) {
  cohortId cohortName endedOn interns completed completionRate passRate offersRecommended offersExtended
  offersAccepted acceptanceRate nps mentorFeedbackAverage } }`;
const COHORT = `query ($c: ID!) { cohortReport(cohortId: $c) { returnOffers { recommended extended accepted declined acceptanceRate } } }`;

const ratings = (c: number, a: number, g: number) => [
  { criterion: 'COMMUNICATION', score: c },
  { criterion: 'AVAILABILITY', score: a },
  { criterion: 'GUIDANCE', score: g },
];

const cohortId = `cohort-offers-${run}`;
const [ada, bob, cy, dan] = ['ada', 'bob', 'cy', 'dan'].map((n) => `${n}-${run}`) as [string, string, string, string];
const mentorId = `grace-${run}`;
let pm: string;
let mentor: string;
const interns: Record<string, string> = {};

beforeAll(async () => {
  pm = await token('pm-1', 'PROGRAM_MANAGER');
  mentor = await token(mentorId, 'MENTOR');
  for (const id of [ada, bob, cy, dan]) interns[id] = await token(id, 'INTERN');
  await scheduleCohort(cohortId);
  for (const id of [ada, bob, cy, dan]) await publish(InternEnrolledV1, cohortId, enrolled(cohortId, id, id));
  for (const id of [ada, bob, cy]) await assign(cohortId, id, mentorId);
  await startWeeks(cohortId, 1, 6);
  await atWeek(cohortId, 6);
  await eventually(async () =>
    (
      (await world.svc.dataSource.query(`SELECT 1 FROM mentor_assignments WHERE cohort_id = $1`, [
        cohortId,
      ])) as unknown[]
    ).length === 3
      ? true
      : undefined,
  );
});

describe('mentor feedback', () => {
  it('refuses bad input naming the fields, and an intern without a primary mentor', async () => {
    const bad = await gql(
      FEEDBACK,
      {
        input: {
          cycle: 'MIDPOINT',
          ratings: [...ratings(3, 3, 3), { criterion: 'GUIDANCE', score: 9 }],
          comments: ' ',
        },
      },
      interns[ada],
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.errors![0].extensions.fields!.map((f: { field: string }) => f.field)).toEqual([
      'ratings[3].criterion',
      'ratings[3].score',
      'comments',
    ]);
    const none = await gql(
      FEEDBACK,
      { input: { cycle: 'MIDPOINT', ratings: ratings(3, 3, 3), comments: 'ok' } },
      interns[dan],
    );
    expect(none.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const early = await gql(
      FEEDBACK,
      { input: { cycle: 'FINAL', ratings: ratings(3, 3, 3), comments: 'ok' } },
      interns[ada],
    );
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('shows the mentor averages only from the third intern on; PMs read each intern', async () => {
    const give = async (internId: string, r: ReturnType<typeof ratings>) => {
      const res = await gql(
        FEEDBACK,
        { input: { cycle: 'MIDPOINT', ratings: r, comments: `from ${internId}` } },
        interns[internId],
      );
      expect(res.errors).toBeUndefined();
      return res.data.submitMentorFeedback;
    };
    expect(await give(ada, ratings(5, 4, 3))).toMatchObject({ mentorId, cohortId, averageScore: 4, revision: 1 });
    await give(bob, ratings(4, 4, 4));
    const two = await gql(SUMMARY, { m: mentorId }, mentor);
    expect(two.errors).toBeUndefined();
    expect(two.data.mentorFeedbackSummary).toBeNull();
    // A correction in the window: still two interns.
    expect(await give(ada, ratings(5, 5, 5))).toMatchObject({ averageScore: 5, revision: 2 });
    expect((await gql(SUMMARY, { m: mentorId }, mentor)).data.mentorFeedbackSummary).toBeNull();
    await give(cy, ratings(3, 3, 3));
    const three = await gql(SUMMARY, { m: mentorId }, mentor);
    expect(three.data.mentorFeedbackSummary).toEqual({
      mentorId,
      interns: 3,
      averages: [
        { criterion: 'COMMUNICATION', average: 4 },
        { criterion: 'AVAILABILITY', average: 4 },
        { criterion: 'GUIDANCE', average: 4 },
      ],
      overall: 4,
    });
    expect((await gql(SUMMARY, { m: mentorId }, pm)).data.mentorFeedbackSummary.interns).toBe(3);
    const other = await gql(SUMMARY, { m: mentorId }, await token(`someone-${run}`, 'MENTOR'));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asIntern = await gql(PER_INTERN, { i: ada }, interns[ada]);
    expect(asIntern.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const perIntern = await gql(PER_INTERN, { i: ada }, pm);
    expect(perIntern.data.mentorFeedback).toEqual([
      { internId: ada, mentorId, cycle: 'MIDPOINT', averageScore: 5, comments: `from ${ada}` },
    ]);
    const events = await world.svc.probe.waitFor(ofType(MentorFeedbackSubmittedV1.type), { count: 4 });
    expect(events.map((e) => e.json)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ internId: ada, mentorId, cycle: 'MIDPOINT', averageScore: 5 }),
      ]),
    );
  });
});

describe('return offers and programReport', () => {
  const offer = (internId: string, status: 'EXTENDED' | 'ACCEPTED' | 'DECLINED', decidedAt: string) =>
    ({
      enrollmentId: `enr-${internId}`,
      cohortId,
      internId,
      status,
      recommendation: 'YES',
      decidedAt,
      decidedBy: 'pm-1',
    }) satisfies EventData<typeof ReturnOfferDecidedV1>;

  it('keeps the latest decision per intern: a redelivery and a late older decision change nothing', async () => {
    await publish(ReturnOfferDecidedV1, cohortId, offer(ada, 'EXTENDED', '2027-09-01T10:00:00.000Z'));
    const accepted = await publish(ReturnOfferDecidedV1, cohortId, offer(ada, 'ACCEPTED', '2027-09-03T10:00:00.000Z'));
    await publish(ReturnOfferDecidedV1, cohortId, offer(bob, 'DECLINED', '2027-09-02T10:00:00.000Z'));
    await publish(ReturnOfferDecidedV1, cohortId, offer(cy, 'EXTENDED', '2027-09-02T10:00:00.000Z'));
    await world.svc.send(world.topicOf('cohorts'), accepted, cohortId); // redelivered
    await publish(ReturnOfferDecidedV1, cohortId, offer(ada, 'EXTENDED', '2027-09-01T10:00:00.000Z')); // older, late
    const report = await eventually(async () => {
      const res = await gql(COHORT, { c: cohortId }, pm);
      const counts = res.data?.cohortReport?.returnOffers;
      return counts?.extended === 3 ? counts : undefined;
    });
    expect(report).toMatchObject({ extended: 3, accepted: 1, declined: 1, acceptanceRate: 0.5 });
    const stored = (await world.svc.dataSource.query(
      `SELECT intern_id, status FROM return_offers WHERE cohort_id = $1 ORDER BY intern_id`,
      [cohortId],
    )) as { intern_id: string; status: string }[];
    expect(stored.map((r) => [r.intern_id, r.status])).toEqual([
      [ada, 'ACCEPTED'],
      [bob, 'DECLINED'],
      [cy, 'EXTENDED'],
    ]);
  });

  it('answers one row per cohort whose program ended in the range', async () => {
    const before = await gql(PROGRAM, { from: '2027-08-01', to: '2027-09-30' }, pm);
    expect(before.errors).toBeUndefined();
    expect(before.data.programReport.find((r: { cohortId: string }) => r.cohortId === cohortId)).toBeUndefined();
    await publish(CohortCompletedV1, cohortId, { cohortId, completedAt: '2027-08-29T22:00:00.000Z', weeks: 12 });
    const row = await eventually(async () => {
      const res = await gql(PROGRAM, { from: '2027-08-01', to: '2027-09-30' }, pm);
      return (res.data?.programReport ?? []).find((r: { cohortId: string }) => r.cohortId === cohortId);
    });
    expect(row).toEqual({
      cohortId,
      cohortName: `Cohort ${cohortId}`,
      endedOn: '2027-08-29',
      interns: 4,
      completed: 0,
      completionRate: 0,
      passRate: null,
      offersRecommended: 0,
      offersExtended: 3,
      offersAccepted: 1,
      acceptanceRate: 0.5,
      nps: null,
      mentorFeedbackAverage: 4, // ada 5, bob 4, cy 3
    });
    const outside = await gql(PROGRAM, { from: '2027-08-30', to: '2027-12-31' }, pm);
    expect(outside.data.programReport.find((r: { cohortId: string }) => r.cohortId === cohortId)).toBeUndefined();
    const reversed = await gql(PROGRAM, { from: '2027-09-30', to: '2027-08-01' }, pm);
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const notADate = await gql(PROGRAM, { from: '2027-13-01', to: '2027-09-30' }, pm);
    expect(notADate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const mentorAsks = await gql(PROGRAM, { from: '2027-08-01', to: '2027-09-30' }, mentor);
    expect(mentorAsks.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
