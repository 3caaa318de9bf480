import ICAL from 'ical.js';
import { addDays } from '#ddd';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { codes, eventually, gql, signIn } from './support/client.js';
import {
  approveScope,
  assignMentor,
  draftScope,
  enrollIntern,
  missingId,
  ok,
  OPS,
  openSlots,
  registerMentor,
  scheduleCohort,
  submitScope,
  talkInput,
  type CohortRef,
  type Person,
  type ProjectRef,
} from './support/program.js';

/**
 * Issue 13 (SPEC §7 `setMatchingPreferences`, mentor calendar feeds, milestones in the intern's
 * feed), through the gateway with every service running: a program manager's weights and
 * exclusions and a mentor's working hours change `matchSuggestions`, which still explains each
 * pair with the weights used; a mentor's feed has their check-ins due, their panels and their
 * mentees' cohort's talks; the intern's feed has the milestones of their approved scope.
 */

const SET = `mutation ($input: SetMatchingPreferencesInput!) { setMatchingPreferences(input: $input) {
  cohortId weights { expertise timezone workload } exclusions { internId mentorId } } }`;
const READ = `query ($cohortId: ID!) { matchingPreferences(cohortId: $cohortId) {
  weights { expertise timezone workload } exclusions { internId mentorId } } }`;
const SUGGEST = `query ($cohortId: ID!) { matchSuggestions(cohortId: $cohortId) {
  intern { id } mentor { id } score reasons workingHoursOverlap weights { expertise timezone workload } } }`;
const PROFILE = `mutation ($input: UpdateMentorProfileInput!) { updateMentorProfile(input: $input) {
  id workingHours { start end } } }`;
const CREATE_FEED = `mutation { createCalendarFeed { id url } }`;

function events(text: string): Map<string, ICAL.Event> {
  const list = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return new Map(list.map((e) => [e.uid, e]));
}

async function feedOf(person: Person): Promise<string> {
  return ok(await gql(CREATE_FEED, {}, { token: person.token }), 'createCalendarFeed').createCalendarFeed.url;
}

describe('matching preferences and calendar feeds through the gateway', () => {
  let pm: string;
  let cohort: CohortRef;
  let ines: Person;
  let otto: Person;
  let ada: Person;
  let bob: Person;

  // Focus areas no other spec's mentor has: every mentor registered in this e2e system is a
  // candidate, so expertise is what keeps the other specs' mentors out of these suggestions.
  const NLP = `nlp-${missingId('uuid').slice(0, 8)}`;
  const VISION = `vision-${missingId('uuid').slice(0, 8)}`;

  beforeAll(async () => {
    pm = await signIn(`pm-match-${missingId('uuid').slice(0, 8)}`, 'PROGRAM_MANAGER');
    cohort = await scheduleCohort(pm);
    ines = await enrollIntern(pm, cohort.id, { name: 'Ines Match', focusAreas: [NLP], timezone: 'Europe/Berlin' });
    otto = await enrollIntern(pm, cohort.id, {
      name: 'Otto Match',
      focusAreas: [VISION],
      timezone: 'Europe/Berlin',
    });
    ada = await registerMentor(pm, {
      name: 'Ada Match',
      expertise: [NLP],
      timezone: 'Europe/Berlin',
      capacity: 2,
      cohortIds: [cohort.id],
    });
    bob = await registerMentor(pm, {
      name: 'Bob Match',
      expertise: [NLP, VISION],
      timezone: 'America/New_York',
      capacity: 2,
      cohortIds: [cohort.id],
    });
  });

  const suggestions = async (): Promise<Record<string, any>> => {
    const list = await eventually(
      async () => {
        const res = await gql(SUGGEST, { cohortId: cohort.id }, { token: pm });
        return res.data?.matchSuggestions?.length === 2 ? (res.data.matchSuggestions as any[]) : undefined;
      },
      { timeoutMs: 45_000, what: 'the mentors service to learn of both interns' },
    );
    return Object.fromEntries(list.map((s) => [s.intern.id, s]));
  };

  it('suggests with the default weights until a program manager sets some, and says which weights it used', async () => {
    const s = await suggestions();
    expect(s[ines.id].mentor.id).toBe(ada.id);
    expect(s[ines.id].weights).toEqual({ expertise: 0.6, timezone: 0.3, workload: 0.1 });
    expect(s[ines.id].reasons.at(-1)).toBe('weights: expertise 60 %, working hours 30 %, workload 10 %');
  });

  it('setMatchingPreferences: weights and exclusions are honoured, an excluded pair never suggested', async () => {
    const res = await gql(
      SET,
      {
        input: {
          cohortId: cohort.id,
          weights: { expertise: 0.5, timezone: 0.5, workload: 0 },
          exclusions: [{ internId: ines.id, mentorId: ada.id }],
        },
      },
      { token: pm },
    );
    expect(ok(res, 'setMatchingPreferences').setMatchingPreferences).toEqual({
      cohortId: cohort.id,
      weights: { expertise: 0.5, timezone: 0.5, workload: 0 },
      exclusions: [{ internId: ines.id, mentorId: ada.id }],
    });
    expect(
      ok(await gql(READ, { cohortId: cohort.id }, { token: pm }), 'matchingPreferences').matchingPreferences,
    ).toMatchObject({ exclusions: [{ internId: ines.id, mentorId: ada.id }] });
    const s = await suggestions();
    expect(s[ines.id].mentor.id).toBe(bob.id);
    expect(s[ines.id].reasons.at(-1)).toBe('weights: expertise 50 %, working hours 50 %, workload 0 %');
  });

  it("a mentor's working hours change the overlap matchSuggestions scores", async () => {
    const before = (await suggestions())[ines.id].workingHoursOverlap;
    expect(before).toBe(2); // New York 09:00–17:00 is Berlin 15:00–23:00
    const res = await gql(
      PROFILE,
      { input: { mentorId: bob.id, workingHours: { start: '04:00', end: '12:00' } } },
      { token: bob.token },
    );
    expect(ok(res, 'updateMentorProfile').updateMentorProfile.workingHours).toEqual({ start: '04:00', end: '12:00' });
    expect((await suggestions())[ines.id].workingHoursOverlap).toBe(7);
  });

  it('refuses bad preferences naming the fields, and anyone but a program manager', async () => {
    const bad = await gql(
      SET,
      {
        input: {
          cohortId: cohort.id,
          weights: { expertise: 0, timezone: 0, workload: 0 },
          exclusions: [{ internId: missingId('intern'), mentorId: ada.id }],
        },
      },
      { token: pm },
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const input = { cohortId: cohort.id, weights: { expertise: 1, timezone: 0, workload: 0 }, exclusions: [] };
    expect(codes(await gql(SET, { input }, { token: ada.token }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(SET, { input }, { token: ines.token }))).toEqual(['FORBIDDEN']);
  });

  describe('calendar feeds', () => {
    let project: ProjectRef;
    let talkId: string;
    let panelSlot: string;

    beforeAll(async () => {
      await assignMentor(pm, otto.id, bob.id);
      talkId = ok(await gql(OPS.scheduleTalk, { input: talkInput(cohort, 3) }, { token: pm }), 'scheduleTechTalk')
        .scheduleTechTalk.id;
      [panelSlot] = await openSlots(pm, cohort, [bob.id]);
      project = await submitScope(otto, await draftScope(otto));
      project = await approveScope(bob, project);
    });

    it("a mentor's feed: a check-in due per week of each mentee, the panels they sit on, the cohort's talks", async () => {
      const url = await feedOf(bob);
      const uids = await eventually(
        async () => {
          const found = events(await (await fetch(url)).text());
          return found.has(`check-in-${cohort.id}-${otto.id}-week-1@mentorflow`) ? found : undefined;
        },
        { timeoutMs: 45_000, what: "the cohorts service to learn of Bob's mentee" },
      );
      const week1 = uids.get(`check-in-${cohort.id}-${otto.id}-week-1@mentorflow`)!;
      expect(week1.startDate.toString()).toBe(addDays(cohort.startDate, 6));
      expect(week1.summary).toContain('check-in with Otto Match due (week 1)');
      expect([...uids.keys()].filter((u) => u.startsWith(`check-in-${cohort.id}-${otto.id}-`))).toHaveLength(
        cohort.weeks,
      );
      expect(uids.has(`slot-${panelSlot}@mentorflow`)).toBe(true);
      expect(uids.has(`talk-${talkId}@mentorflow`)).toBe(true);
      expect([...uids.keys()].some((u) => u.includes(ines.id))).toBe(false);
    });

    it("the intern's feed: the milestones of their approved scope, on the last day of the week each is due", async () => {
      const url = await feedOf(otto);
      const uids = await eventually(
        async () => {
          const found = events(await (await fetch(url)).text());
          return project.milestoneIds.every((id) => found.has(`milestone-${id}@mentorflow`)) ? found : undefined;
        },
        { timeoutMs: 45_000, what: 'the cohorts service to learn of the approved scope' },
      );
      const first = uids.get(`milestone-${project.milestoneIds[0]}@mentorflow`)!;
      expect(first.startDate.toString()).toBe(addDays(cohort.startDate, 4 * 7 - 1));
      expect(first.summary).toContain('milestone due: Baseline');
      expect(first.sequence).toBe(0);
    });
  });
});
