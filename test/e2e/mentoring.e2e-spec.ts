import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CheckInMissedV2, eventsTopic } from '#contracts';
import { addDays } from '#ddd';
import { KafkaProbe, type ProbedMessage, expectLabelled } from '#testing';
import { codes, eventually, gql, signIn } from './support/client.js';
import { aCohort, aMentor, anIntern } from './support/factories.js';

/**
 * Issue 4 end to end, through the gateway with every service running: mentors registered,
 * suggestions for a seeded cohort, assignments, check-ins, the cohort clock advanced in sandbox
 * mode and CheckInMissed (v2, per intern) for the one intern whose mentor skipped a week; FORBIDDEN for someone else's
 * intern; an intern never sees private notes.
 */

const SCHEDULE = `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id startDate weeks } }`;
const ENROLL = `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`;
const REGISTER = `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id capacity } }`;
const SUGGEST = `query ($cohortId: ID!) { matchSuggestions(cohortId: $cohortId) {
  intern { id name } mentor { id name } role score reasons sharedFocusAreas placesLeft } }`;
const ASSIGN = `mutation ($input: AssignMentorInput!) { assignMentor(input: $input) {
  id role active intern { id name } mentor { id placesLeft } } }`;
const ADVANCE = `mutation ($input: AdvanceCohortClockInput!) { advanceCohortClock(input: $input) { id } }`;
const LOG = `mutation ($input: LogCheckInInput!) { logCheckIn(input: $input) {
  id week occurredOn notes privateNotes progress mentor { id } } }`;
const STATUS = `query ($id: ID!, $week: Int!) { intern(id: $id) { id checkInStatus(week: $week) {
  week state mentors { mentorId role state } } } }`;

// Focus areas and expertise unique to this run: mentors other spec files registered (available
// for every cohort) share none of them, so the expected matching is exact.
const tag = randomUUID().slice(0, 6);
const RECSYS = `recommender systems ${tag}`;
const NLP = `nlp ${tag}`;
const VISION = `computer vision ${tag}`;

let pm: string;
let cohortId: string;
let startDate: string;
let probe: KafkaProbe;
const interns = {
  ines: anIntern('', { focusAreas: [RECSYS, NLP], timezone: 'Europe/Berlin' }),
  otto: anIntern('', { focusAreas: [NLP], timezone: 'Asia/Kolkata' }),
  pia: anIntern('', { focusAreas: [VISION], timezone: 'America/New_York' }),
  raj: anIntern('', { focusAreas: [VISION], timezone: 'America/New_York' }),
};
const mentors = {
  ada: aMentor({ expertise: [RECSYS, NLP], timezone: 'Europe/London', capacity: 1 }),
  bob: aMentor({ expertise: [RECSYS], timezone: 'Europe/Berlin', capacity: 1 }),
  cy: aMentor({ expertise: [VISION], timezone: 'America/New_York', capacity: 2 }),
};
const internId = (k: keyof typeof interns): string => interns[k].internId as string;
const mentorId = (k: keyof typeof mentors): string => mentors[k].mentorId as string;
const asMentor = (k: keyof typeof mentors): Promise<string> => signIn(mentorId(k), 'MENTOR');

const missedOfCohort = (m: ProbedMessage): boolean =>
  m.headers.ce_type === CheckInMissedV2.type && (m.json as { cohortId?: string })?.cohortId === cohortId;

beforeAll(async () => {
  pm = await signIn('pm-e2e-mentoring', 'PROGRAM_MANAGER');
  const scheduled = await gql(SCHEDULE, { input: aCohort({ timezone: 'Europe/Berlin' }) }, { token: pm });
  expect(scheduled.errors).toBeUndefined();
  cohortId = scheduled.data.scheduleCohort.id;
  startDate = scheduled.data.scheduleCohort.startDate;
  for (const intern of Object.values(interns)) {
    intern.cohortId = cohortId;
    const enrolled = await gql(ENROLL, { input: intern }, { token: pm });
    expect(enrolled.errors).toBeUndefined();
  }
  for (const mentor of Object.values(mentors)) {
    const registered = await gql(REGISTER, { input: { ...mentor, cohortIds: [cohortId] } }, { token: pm });
    expect(registered.errors).toBeUndefined();
  }
  // The mentors service knows the interns once it consumed their InternEnrolled events.
  await eventually(
    async () => {
      const r = await gql(SUGGEST, { cohortId }, { token: pm });
      return r.data?.matchSuggestions?.length === 4 ? true : undefined;
    },
    { timeoutMs: 60_000, what: 'the mentors service to project the cohort and its four interns' },
  );
  probe = await KafkaProbe.start([eventsTopic('mentors')]);
});

afterAll(async () => {
  await probe?.stop();
});

describe('mentoring through the gateway', () => {
  it('suggests a primary mentor for every intern of the cohort, optimised jointly, with reasons', async () => {
    const res = await gql(SUGGEST, { cohortId }, { token: pm });
    expect(res.errors).toBeUndefined();
    const byIntern = Object.fromEntries(res.data.matchSuggestions.map((s: any) => [s.intern.id, s]));
    // Greedy would give Ines (both areas) Ada and leave Otto (NLP only) with Bob, who has no NLP.
    expect(byIntern[internId('ines')].mentor.id).toBe(mentorId('bob'));
    expect(byIntern[internId('otto')].mentor.id).toBe(mentorId('ada'));
    expect(byIntern[internId('pia')].mentor.id).toBe(mentorId('cy'));
    expect(byIntern[internId('raj')].mentor.id).toBe(mentorId('cy'));
    expect(byIntern[internId('ines')].intern.name).toBe(interns.ines.name); // Intern.name from the cohorts service
    expect(byIntern[internId('ines')].reasons).toEqual([
      `shares ${RECSYS}`,
      '8 h working-hours overlap',
      '1 of 1 place left',
      'weights: expertise 60 %, working hours 30 %, workload 10 %',
    ]);
    expect(byIntern[internId('pia')].reasons).toEqual([
      `shares ${VISION}`,
      '8 h working-hours overlap',
      '2 of 2 places left',
      'one of 2 interns suggested for this mentor',
      'weights: expertise 60 %, working hours 30 %, workload 10 %',
    ]);
    expect(byIntern[internId('otto')].reasons[0]).toBe(`shares ${NLP}`);
    expect(byIntern[internId('otto')].reasons[1]).toMatch(/h working-hours overlap/);
    for (const s of res.data.matchSuggestions) {
      expect(s.role).toBe('PRIMARY');
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(100);
    }
    const asMentorCaller = await gql(SUGGEST, { cohortId }, { token: await asMentor('ada') });
    expect(codes(asMentorCaller)).toEqual(['FORBIDDEN']);
  });

  it('assigns the suggestions; a full mentor refuses another intern with CONFLICT', async () => {
    for (const [intern, mentor] of [
      ['ines', 'bob'],
      ['otto', 'ada'],
      ['pia', 'cy'],
      ['raj', 'cy'],
    ] as const) {
      const res = await gql(
        ASSIGN,
        { input: { internId: internId(intern), mentorId: mentorId(mentor), role: 'PRIMARY' } },
        { token: pm },
      );
      expectLabelled(res.errors, `${intern} → ${mentor}`).toBeUndefined();
      expect(res.data.assignMentor).toMatchObject({ role: 'PRIMARY', active: true, intern: { id: internId(intern) } });
    }
    const full = await gql(
      ASSIGN,
      { input: { internId: internId('ines'), mentorId: mentorId('ada'), role: 'CO_MENTOR' } },
      { token: pm },
    );
    expect(codes(full)).toEqual(['CONFLICT']);
    expect(full.errors![0]!.message).toContain('no free place');

    const after = await gql(SUGGEST, { cohortId }, { token: pm });
    expect(after.data.matchSuggestions).toEqual([]);
    // The interns' names come from the cohorts service, which shows an intern to a mentor once it
    // has consumed their MentorAssigned: eventually consistent, so the mentor's view is awaited.
    const cyToken = await asMentor('cy');
    const mentees = await eventually(
      async () => {
        const r = await gql(
          `query ($id: ID!) { mentor(id: $id) { placesLeft mentees { id name } } }`,
          { id: mentorId('cy') },
          { token: cyToken },
        );
        return r.data?.mentor ? r : undefined;
      },
      { timeoutMs: 30_000, what: 'mentor cy to see both mentees with their names' },
    );
    expect(mentees.errors).toBeUndefined();
    expect(mentees.data.mentor.placesLeft).toBe(0);
    expect(mentees.data.mentor.mentees.map((m: any) => m.id).sort()).toEqual([internId('pia'), internId('raj')].sort());
  });

  it('refuses a PRIMARY over the intern’s current one without replace (SPEC 7), and the primary stays', async () => {
    const over = await gql(
      ASSIGN,
      { input: { internId: internId('ines'), mentorId: mentorId('cy'), role: 'PRIMARY' } },
      { token: pm },
    );
    expect(codes(over)).toEqual(['CONFLICT']);
    expect(over.errors![0]!.message).toContain(`already has a primary mentor (${mentorId('bob')})`);
    expect(over.errors![0]!.message).toContain('replace: true');
    const mentees = await gql(
      `query ($id: ID!) { mentor(id: $id) { mentees { id } } }`,
      { id: mentorId('bob') },
      { token: await asMentor('bob') },
    );
    expect(mentees.data.mentor.mentees.map((m: any) => m.id)).toEqual([internId('ines')]);
  });

  it('logs check-ins in the cohort’s week 1 once the clock runs; someone else’s intern is FORBIDDEN', async () => {
    const advanced = await gql(ADVANCE, { input: { cohortId, toWeek: 1 } }, { token: pm });
    expect(advanced.errors).toBeUndefined();
    await eventually(
      async () => {
        const r = await gql(STATUS, { id: internId('ines'), week: 1 }, { token: pm });
        return r.data?.intern?.checkInStatus?.state === 'DUE' ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'the mentors service to see week 1 start' },
    );
    const tuesday = addDays(startDate, 1);
    for (const [intern, mentor] of [
      ['ines', 'bob'],
      ['otto', 'ada'],
      ['pia', 'cy'],
    ] as const) {
      const res = await gql(
        LOG,
        {
          input: {
            internId: internId(intern),
            occurredOn: tuesday,
            durationMinutes: 45,
            format: 'video call',
            progress: 'ON_TRACK',
            notes: `Shared notes for ${intern}`,
            privateNotes: `Private notes about ${intern}`,
            blockers: [],
            actionItems: ['Write the scope draft'],
          },
        },
        { token: await asMentor(mentor) },
      );
      expectLabelled(res.errors, `${mentor} logs for ${intern}`).toBeUndefined();
      expect(res.data.logCheckIn).toMatchObject({
        week: 1,
        occurredOn: tuesday,
        privateNotes: `Private notes about ${intern}`,
      });
    }
    // Raj's mentor (Cy) skips week 1. Bob tries to log one for Raj, who is not his intern.
    const forbidden = await gql(
      LOG,
      {
        input: {
          internId: internId('raj'),
          occurredOn: tuesday,
          durationMinutes: 30,
          format: 'chat',
          progress: 'AT_RISK',
          notes: 'x',
        },
      },
      { token: await asMentor('bob') },
    );
    expect(codes(forbidden)).toEqual(['FORBIDDEN']);
    expect(forbidden.data?.logCheckIn ?? null).toBeNull();
  });

  it('advances the clock in sandbox mode and sees CheckInMissed for the intern none of whose mentors checked in, once', async () => {
    const advanced = await gql(ADVANCE, { input: { cohortId, toWeek: 2 } }, { token: pm });
    expect(advanced.errors).toBeUndefined();
    const [missed] = await probe.waitFor(missedOfCohort, { timeoutMs: 30_000 });
    expect(missed!.json).toEqual({
      cohortId,
      internId: internId('raj'),
      week: 1,
      mentorIds: [mentorId('cy')],
      primaryMentorId: mentorId('cy'),
    });
    expect(missed!.key).toBe(internId('raj'));
    const all = await probe.collectFor(missedOfCohort, 3000);
    expect(all).toHaveLength(1);

    const raj = await gql(STATUS, { id: internId('raj'), week: 1 }, { token: pm });
    expect(raj.data.intern.checkInStatus).toEqual({
      week: 1,
      state: 'MISSED',
      mentors: [{ mentorId: mentorId('cy'), role: 'PRIMARY', state: 'MISSED' }],
    });
    const ines = await gql(STATUS, { id: internId('ines'), week: 1 }, { token: pm });
    expect(ines.data.intern.checkInStatus.state).toBe('CHECKED_IN');
  });

  it('never shows privateNotes to the intern, on any path; the author mentor and PMs see them', async () => {
    const q = `query ($id: ID!) { intern(id: $id) { id
      checkIns(first: 10) { totalCount edges { node { notes privateNotes week mentor { id } } } }
      checkInStatus(week: 1) { checkIns { notes privateNotes } } } }`;
    const asIntern = await gql(q, { id: internId('ines') }, { token: await signIn(internId('ines'), 'INTERN') });
    expect(asIntern.errors).toBeUndefined();
    expect(asIntern.data.intern.checkIns.totalCount).toBe(1);
    expect(asIntern.data.intern.checkIns.edges[0].node).toEqual({
      notes: 'Shared notes for ines',
      privateNotes: null,
      week: 1,
      mentor: { id: mentorId('bob') },
    });
    expect(asIntern.data.intern.checkInStatus.checkIns).toEqual([
      { notes: 'Shared notes for ines', privateNotes: null },
    ]);
    expect(JSON.stringify(asIntern)).not.toContain('Private notes');

    const asAuthor = await gql(q, { id: internId('ines') }, { token: await asMentor('bob') });
    expect(asAuthor.data.intern.checkIns.edges[0].node.privateNotes).toBe('Private notes about ines');
    const asPm = await gql(q, { id: internId('ines') }, { token: pm });
    expect(asPm.data.intern.checkIns.edges[0].node.privateNotes).toBe('Private notes about ines');
    const otherMentor = await gql(q, { id: internId('ines') }, { token: await asMentor('ada') });
    expect(JSON.stringify(otherMentor.data)).not.toContain('Private notes');
  });
});
