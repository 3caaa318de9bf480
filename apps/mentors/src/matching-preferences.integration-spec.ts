import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { asIntern, asMentor, codes, mentoringWorld } from './testing/mentoring-world.js';

/**
 * Matching preferences against the real Postgres (and the cohort/intern projections fed through
 * Kafka): setMatchingPreferences stores a cohort's weights and exclusions, matchSuggestions
 * honours them and each mentor's working hours from updateMentorProfile.
 */
const world = mentoringWorld();
const { id, pm, gql, count, scheduleCohort, enroll, waitForInterns, registerMentor } = world;

const SET = `mutation($input: SetMatchingPreferencesInput!) { setMatchingPreferences(input: $input) {
  cohortId weights { expertise timezone workload } exclusions { internId mentorId } } }`;
const READ = `query($cohortId: ID!) { matchingPreferences(cohortId: $cohortId) {
  cohortId weights { expertise timezone workload } exclusions { internId mentorId } } }`;
const SUGGEST = `query($cohortId: ID!) { matchSuggestions(cohortId: $cohortId) {
  intern { id } mentor { id } score reasons workingHoursOverlap breakdown { expertise workingHours load }
  weights { expertise timezone workload } } }`;
const PROFILE = `mutation($input: UpdateMentorProfileInput!) { updateMentorProfile(input: $input) {
  id workingHours { start end } } }`;

describe('matching preferences', () => {
  const cohortId = id('cohort-prefs');
  const ines = id('p-ines');
  const otto = id('p-otto');
  const ada = id('p-ada');
  const bob = id('p-bob');

  beforeAll(async () => {
    await scheduleCohort(cohortId);
    await enroll(cohortId, ines, ['nlp'], 'Europe/Berlin');
    await enroll(cohortId, otto, ['computer vision'], 'Europe/Berlin');
    await waitForInterns(cohortId, 2);
    await registerMentor(ada, { expertise: ['nlp'], capacity: 2, timezone: 'Europe/Berlin', cohortIds: [cohortId] });
    await registerMentor(bob, {
      expertise: ['computer vision'],
      capacity: 2,
      timezone: 'America/New_York',
      cohortIds: [cohortId],
    });
  });

  const suggestions = async () => {
    const res = await gql(SUGGEST, { cohortId }, await pm());
    expect(res.errors).toBeUndefined();
    return Object.fromEntries(res.data!.matchSuggestions.map((s: any) => [s.intern.id, s])) as Record<string, any>;
  };

  it('reads the defaults until set, and suggests with them', async () => {
    const read = await gql(READ, { cohortId }, await pm());
    expect(read.data!.matchingPreferences).toEqual({
      cohortId,
      weights: { expertise: 0.6, timezone: 0.3, workload: 0.1 },
      exclusions: [],
    });
    const s = await suggestions();
    expect(s[ines].mentor.id).toBe(ada);
    expect(s[otto].mentor.id).toBe(bob);
    expect(s[otto].workingHoursOverlap).toBe(2); // New York 09:00–17:00 is Berlin 15:00–23:00
    expect(s[ines].weights).toEqual({ expertise: 0.6, timezone: 0.3, workload: 0.1 });
  });

  it('stores weights and exclusions; suggestions never pair an excluded pair and say which weights they used', async () => {
    const res = await gql(
      SET,
      {
        input: {
          cohortId,
          weights: { expertise: 0.5, timezone: 0.5, workload: 0 },
          exclusions: [
            { internId: ines, mentorId: ada },
            { internId: ines, mentorId: ada },
          ],
        },
      },
      await pm(),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.setMatchingPreferences).toEqual({
      cohortId,
      weights: { expertise: 0.5, timezone: 0.5, workload: 0 },
      exclusions: [{ internId: ines, mentorId: ada }],
    });
    expect(
      await count(
        `SELECT count(*) AS n FROM matching_preferences WHERE cohort_id = $1 AND expertise_weight = 0.5
           AND jsonb_array_length(exclusions) = 1`,
        [cohortId],
      ),
    ).toBe(1);
    const s = await suggestions();
    expect(s[ines].mentor.id).toBe(bob);
    expect(s[ines].reasons.at(-1)).toBe('weights: expertise 50 %, working hours 50 %, workload 0 %');
    expect(s[ines].breakdown.load).toBe(0);
    expect(s[ines].weights).toEqual({ expertise: 0.5, timezone: 0.5, workload: 0 });
  });

  it('scores the overlap with each mentor’s own working hours', async () => {
    const res = await gql(
      PROFILE,
      { input: { mentorId: bob, workingHours: { start: '04:00', end: '12:00' } } },
      await asMentor(bob),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateMentorProfile.workingHours).toEqual({ start: '04:00', end: '12:00' });
    expect(
      await count(`SELECT count(*) AS n FROM mentors WHERE mentor_id = $1 AND working_hours_start = '04:00'`, [bob]),
    ).toBe(1);
    // New York 04:00–12:00 is Berlin 10:00–18:00: 7 h with an intern's 09:00–17:00.
    expect((await suggestions())[ines].workingHoursOverlap).toBe(7);
  });

  it('replaces the previous preferences as a whole', async () => {
    const res = await gql(
      SET,
      { input: { cohortId, weights: { expertise: 1, timezone: 0, workload: 0 }, exclusions: [] } },
      await pm(),
    );
    expect(res.errors).toBeUndefined();
    const read = await gql(READ, { cohortId }, await pm());
    expect(read.data!.matchingPreferences.exclusions).toEqual([]);
    const s = await suggestions();
    expect(s[ines].mentor.id).toBe(ada);
    expect(s[ines].score).toBe(100);
  });

  it('refuses bad input naming the fields, unknown parties, other callers and unknown cohorts, changing nothing', async () => {
    const before = await gql(READ, { cohortId }, await pm());
    const bad = await gql(
      SET,
      {
        input: {
          cohortId,
          weights: { expertise: 1.2, timezone: 0, workload: 0 },
          exclusions: [{ internId: ' ', mentorId: ada }],
        },
      },
      await pm(),
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.extensions.fields!.map((f) => f.field)).toEqual([
      'weights.expertise',
      'exclusions[0].internId',
    ]);
    const unknown = await gql(
      SET,
      {
        input: {
          cohortId,
          weights: { expertise: 1, timezone: 1, workload: 1 },
          exclusions: [{ internId: id('nobody'), mentorId: id('no-mentor') }],
        },
      },
      await pm(),
    );
    expect(unknown.errors![0]!.extensions.fields!.map((f) => f.field)).toEqual([
      'exclusions[0].internId',
      'exclusions[0].mentorId',
    ]);
    const input = { cohortId, weights: { expertise: 1, timezone: 1, workload: 1 }, exclusions: [] };
    expect(codes(await gql(SET, { input }, await asMentor(ada)))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(SET, { input }, await asIntern(ines)))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(SET, { input: { ...input, cohortId: id('no-cohort') } }, await pm()))).toEqual([
      'NOT_FOUND',
    ]);
    expect((await gql(READ, { cohortId }, await pm())).data).toEqual(before.data);
    const hours = await gql(
      PROFILE,
      { input: { mentorId: bob, workingHours: { start: '12:00', end: '08:00' } } },
      await pm(),
    );
    expect(hours.errors![0]!.extensions.fields!.map((f) => f.field)).toEqual(['workingHours.end']);
  });
});
