import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { codes, eventually, gql, signIn } from './support/client.js';
import { advanceCohort, aScope, draftScope, enrollIntern, ok, scheduleCohort, type Person } from './support/program.js';

/**
 * Issue 14's one calendar, proven across services: an intern is enrolled in a cohort whose
 * calendar runs in America/New_York, drafts a scope with three milestones, and is extended twice
 * through the gateway (2 weeks in week 4, before the midpoint; 1 week in week 9, after it). Then
 * every service's dates for that intern are read through the gateway and must equal the cohorts
 * service's own calendar of the intern (Enrollment.calendar): scoping's scope and milestone
 * deadlines, evaluations' MIDPOINT and FINAL windows, mentors' check-in weeks, up to the
 * extended last week and not one week further.
 */

const EXTEND = `mutation ($input: ExtendInternshipInput!) { extendInternship(input: $input) { extensionWeeks } }`;
const COHORTS_VIEW = `query ($id: ID!) { intern(id: $id) { enrollments { cohortId extensionWeeks calendar {
  programWeeks extensionWeeks weeks { week startsOn endsOn startsAt endsAt phase extension }
  keyDates { scopeDue midpointWindow { startsOn endsOn } presentationsWeek { startsOn endsOn } finalEvaluationsDue programEnd } } } } }`;
const SCOPING_VIEW = `query ($id: ID!) {
  scopingCalendar(internId: $id) { cohortWeeks timezone scopeDueWeek scopeDueDate scopeDueAt }
  intern(id: $id) { project { programWeeks scopeDueWeek scopeDueDate milestones { title plannedDueWeek dueWeek dueDate } } } }`;
const EVALUATIONS_VIEW = `query ($id: ID!) { evaluationWindows(internId: $id) { cycle week startsOn endsOn } }`;
const MENTORS_VIEW = `query ($id: ID!, $week: Int!) { intern(id: $id) { checkInStatus(week: $week) { week startsOn endsOn } } }`;

interface Week {
  week: number;
  startsOn: string;
  endsOn: string;
  startsAt: string;
  endsAt: string;
  phase: string;
  extension: boolean;
}
interface Calendar {
  programWeeks: number;
  extensionWeeks: number;
  weeks: Week[];
  keyDates: {
    scopeDue: string;
    midpointWindow: { startsOn: string; endsOn: string };
    presentationsWeek: { startsOn: string; endsOn: string };
    finalEvaluationsDue: string;
    programEnd: string;
  };
}

const TIMEZONE = 'America/New_York';
const MILESTONE_WEEKS = [4, 8, 11];

let pm: string;
let intern: Person;
let cohortId: string;

async function extend(weeks: number, reason: string): Promise<void> {
  ok(await gql(EXTEND, { input: { cohortId, internId: intern.id, weeks, reason } }, { token: pm }), 'extendInternship');
}

/** The intern's calendar as the cohorts service computes it. */
async function cohortsCalendar(): Promise<Calendar> {
  const data = ok(await gql(COHORTS_VIEW, { id: intern.id }, { token: pm }), 'cohorts: Enrollment.calendar');
  return data.intern.enrollments.find((e: { cohortId: string }) => e.cohortId === cohortId).calendar;
}

beforeAll(async () => {
  pm = await signIn('pm-one-calendar', 'PROGRAM_MANAGER');
  const cohort = await scheduleCohort(pm, { weeks: 12, timezone: TIMEZONE });
  cohortId = cohort.id;
  intern = await enrollIntern(pm, cohortId);
  // Milestones planned in cohort weeks 4, 8 and 11, before any extension.
  await draftScope(
    intern,
    aScope({
      milestones: MILESTONE_WEEKS.map((dueWeek) => ({
        title: `Milestone of week ${dueWeek}`,
        dueWeek,
        acceptanceCriteria: [`Done by the end of week ${dueWeek}`],
      })),
    }),
  );
  // Two extensions: one before the midpoint, one after it.
  await advanceCohort(pm, cohortId, 4);
  await extend(2, 'More time before the midpoint');
  await advanceCohort(pm, cohortId, 9);
  await extend(1, 'More time for the A/B test');
});

describe('one program calendar across services', () => {
  it('the cohorts service inserted both extensions where they were granted', async () => {
    const calendar = await cohortsCalendar();
    expect(calendar).toMatchObject({ programWeeks: 15, extensionWeeks: 3 });
    expect(calendar.weeks.filter((w) => w.extension).map((w) => w.week)).toEqual([5, 6, 10]);
    expect(calendar.weeks.find((w) => w.phase === 'MIDPOINT')?.week).toBe(8);
    expect(calendar.weeks.at(-1)?.phase).toBe('FINAL_PRESENTATIONS');
  });

  it("every service gives the extended intern the cohorts service's dates", async () => {
    const calendar = await cohortsCalendar();
    const { weeks, keyDates, programWeeks } = calendar;
    const week = (n: number): Week => weeks[n - 1]!;
    // The intern's week of something the cohort has in week n: the n-th week that is not an extension.
    const internWeekOf = (n: number): number => weeks.filter((w) => !w.extension)[n - 1]!.week;

    // Scoping: the scope deadline and each milestone's, once it has both extensions.
    const scoping = await eventually(
      async () => {
        const r = await gql(SCOPING_VIEW, { id: intern.id }, { token: pm });
        return r.data?.intern?.project?.programWeeks === programWeeks ? r.data : undefined;
      },
      { timeoutMs: 45_000, what: `scoping to learn of both extensions of ${intern.id}` },
    );
    const scopeWeek = weeks.find((w) => w.endsOn === keyDates.scopeDue)!;
    expect(scoping.scopingCalendar).toEqual({
      cohortWeeks: 12,
      timezone: TIMEZONE,
      scopeDueWeek: scopeWeek.week,
      scopeDueDate: keyDates.scopeDue,
      scopeDueAt: scopeWeek.endsAt,
    });
    expect(scoping.intern.project).toMatchObject({ scopeDueWeek: scopeWeek.week, scopeDueDate: keyDates.scopeDue });
    expect(scoping.intern.project.milestones).toEqual(
      MILESTONE_WEEKS.map((planned) => ({
        title: `Milestone of week ${planned}`,
        plannedDueWeek: planned,
        dueWeek: internWeekOf(planned),
        dueDate: week(internWeekOf(planned)).endsOn,
      })),
    );

    // Evaluations: the MIDPOINT window is the intern's midpoint week, the FINAL one their last week.
    const windows = await eventually(
      async () => {
        const r = await gql(EVALUATIONS_VIEW, { id: intern.id }, { token: pm });
        const list = (r.data?.evaluationWindows ?? []) as { cycle: string; week: number }[];
        return list.find((w) => w.cycle === 'FINAL')?.week === programWeeks ? list : undefined;
      },
      { timeoutMs: 45_000, what: `evaluations to learn of both extensions of ${intern.id}` },
    );
    const midpoint = weeks.find((w) => w.phase === 'MIDPOINT')!;
    expect(windows).toEqual([
      { cycle: 'MIDPOINT', week: midpoint.week, ...keyDates.midpointWindow },
      { cycle: 'FINAL', week: programWeeks, ...keyDates.presentationsWeek },
    ]);
    expect(keyDates.midpointWindow).toEqual({ startsOn: midpoint.startsOn, endsOn: midpoint.endsOn });
    expect(keyDates.presentationsWeek).toEqual({
      startsOn: week(programWeeks).startsOn,
      endsOn: week(programWeeks).endsOn,
    });
    expect(keyDates.finalEvaluationsDue).toBe(week(programWeeks).endsOn);
    expect(keyDates.programEnd).toBe(week(programWeeks).endsOn);

    // Mentors: a check-in week for every week of the intern's program, with the same dates, and none after.
    await eventually(
      async () => {
        const r = await gql(MENTORS_VIEW, { id: intern.id, week: programWeeks }, { token: pm });
        return r.data?.intern?.checkInStatus && !r.errors ? true : undefined;
      },
      { timeoutMs: 45_000, what: `mentors to learn of both extensions of ${intern.id}` },
    );
    for (const w of weeks) {
      const r = await gql(MENTORS_VIEW, { id: intern.id, week: w.week }, { token: pm });
      expectLabelled(
        r.data?.intern?.checkInStatus,
        `mentors' check-in week ${w.week}: ${JSON.stringify(r.errors)}`,
      ).toEqual({
        week: w.week,
        startsOn: w.startsOn,
        endsOn: w.endsOn,
      });
    }
    expect(codes(await gql(MENTORS_VIEW, { id: intern.id, week: programWeeks + 1 }, { token: pm }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
