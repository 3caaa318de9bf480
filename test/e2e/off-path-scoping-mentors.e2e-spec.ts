import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CheckInMissedV2, eventsTopic } from '#contracts';
import { addDays } from '#ddd';
import { KafkaProbe, type ProbedMessage } from '#testing';
import { codes, eventually, gql, signIn } from './support/client.js';
import {
  aCheckIn,
  advanceCohort,
  assignMentor,
  draftScope,
  enrollIntern,
  ok,
  OPS,
  registerMentor,
  scheduleCohort,
  submitScope,
  type CohortRef,
  type Person,
} from './support/program.js';

/**
 * SPEC §7 off the happy path, scoping and mentors, through the gateway with every service running:
 * a program manager approves the scope of an intern who has no primary mentor (and may not once
 * one is assigned); a check-in week is missed per intern — a week with a co-mentor's check-in is
 * not, a week with none is — and the cohort's last week counts too (closed by CohortCompleted).
 */

const PROJECT = `query ($id: ID!) { project(id: $id) { id status versionInForce
  versions { version status decidedBy history { action actorId } } } }`;
const STATUS = `query ($id: ID!, $week: Int!) { intern(id: $id) { id checkInStatus(week: $week) {
  week state mentors { mentorId role state } } } }`;

let pm: string;
const pmId = 'pm-e2e-off-path-scoping-mentors';

beforeAll(async () => {
  pm = await signIn(pmId, 'PROGRAM_MANAGER');
});

describe('a program manager decides on a scope while the intern has no primary mentor', () => {
  it('approves the scope of an intern without a primary mentor; FORBIDDEN for one who has one', async () => {
    const cohort = await scheduleCohort(pm);
    const alone = await enrollIntern(pm, cohort.id);
    const project = await submitScope(alone, await draftScope(alone));
    expect(project.status).toBe('SUBMITTED');

    const approved = ok(
      await gql(OPS.approve, { input: { projectId: project.id } }, { token: pm }),
      'approveProjectScope by the PM',
    ).approveProjectScope;
    expect(approved.status).toBe('APPROVED');
    const read = ok(await gql(PROJECT, { id: project.id }, { token: alone.token }), 'project').project;
    expect(read).toMatchObject({ status: 'APPROVED', versionInForce: 1 });
    expect(read.versions[0]).toMatchObject({ status: 'APPROVED', decidedBy: pmId });
    expect(read.versions[0].history.map((h: any) => [h.action, h.actorId])).toEqual([
      ['DRAFTED', alone.id],
      ['SUBMITTED', alone.id],
      ['APPROVED', pmId],
    ]);

    // With a primary mentor the decision is theirs: the PM is FORBIDDEN (once scoping knows it).
    const mentored = await enrollIntern(pm, cohort.id);
    const primary = await registerMentor(pm);
    await assignMentor(pm, mentored.id, primary.id, 'PRIMARY');
    const other = await submitScope(mentored, await draftScope(mentored));
    await eventually(
      async () => {
        const r = await gql(PROJECT, { id: other.id }, { token: primary.token });
        return r.data?.project ? true : undefined;
      },
      { timeoutMs: 30_000, what: 'scoping to know the primary mentor' },
    );
    const refused = await gql(OPS.approve, { input: { projectId: other.id } }, { token: pm });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0]!.message).toContain(`the intern has a primary mentor (${primary.id})`);
    const byPrimary = ok(
      await gql(OPS.approve, { input: { projectId: other.id } }, { token: primary.token }),
      'approveProjectScope by the primary mentor',
    ).approveProjectScope;
    expect(byPrimary.status).toBe('APPROVED');
  });
});

describe('missed check-ins per intern and week, the last week included', () => {
  let probe: KafkaProbe;
  let cohort: CohortRef;
  let ana: Person; // primary p, co-mentor c: c checks in weeks 1 and the last
  let ben: Person; // primary q: nobody checks in
  let p: Person;
  let c: Person;
  let q: Person;
  const missedOf = (m: ProbedMessage): boolean =>
    m.headers.ce_type === CheckInMissedV2.type && (m.json as { cohortId?: string })?.cohortId === cohort.id;
  const missed = (all: ProbedMessage[], internId: string, week: number) =>
    all.filter((m) => (m.json as any).internId === internId && (m.json as any).week === week);

  beforeAll(async () => {
    probe = await KafkaProbe.start([eventsTopic('mentors')]);
    cohort = await scheduleCohort(pm, { weeks: 10 });
    ana = await enrollIntern(pm, cohort.id);
    ben = await enrollIntern(pm, cohort.id);
    p = await registerMentor(pm, { cohortIds: [cohort.id] });
    c = await registerMentor(pm, { cohortIds: [cohort.id] });
    q = await registerMentor(pm, { cohortIds: [cohort.id] });
    await assignMentor(pm, ana.id, p.id, 'PRIMARY');
    await assignMentor(pm, ana.id, c.id, 'CO_MENTOR');
    await assignMentor(pm, ben.id, q.id, 'PRIMARY');
  });

  afterAll(async () => {
    await probe?.stop();
  });

  /** The co-mentor logs Ana's check-in on the Tuesday of `week`, once the mentors service sees it start. */
  async function coMentorChecksIn(week: number): Promise<void> {
    await eventually(
      async () => {
        const r = await gql(STATUS, { id: ana.id, week }, { token: pm });
        return r.data?.intern?.checkInStatus?.state === 'DUE' ? true : undefined;
      },
      { timeoutMs: 30_000, what: `the mentors service to see week ${week} start` },
    );
    const tuesday = addDays(cohort.startDate, (week - 1) * 7 + 1);
    const logged = ok(
      await gql(OPS.logCheckIn, { input: aCheckIn(ana.id, tuesday) }, { token: c.token }),
      'logCheckIn',
    );
    expect(logged.logCheckIn.id).toBeDefined();
  }

  it('a week with a co-mentor’s check-in is not missed, a week with none is', async () => {
    await advanceCohort(pm, cohort.id, 1);
    await coMentorChecksIn(1);
    await advanceCohort(pm, cohort.id, 2);

    const [benWeek1] = await probe.waitFor((m) => missedOf(m) && (m.json as any).internId === ben.id, {
      timeoutMs: 30_000,
    });
    expect(benWeek1!.json).toEqual({
      cohortId: cohort.id,
      internId: ben.id,
      week: 1,
      mentorIds: [q.id],
      primaryMentorId: q.id,
    });
    expect(benWeek1!.key).toBe(ben.id);
    const settled = await probe.collectFor(missedOf, 3000);
    expect(missed(settled, ana.id, 1)).toEqual([]);
    expect(missed(settled, ben.id, 1)).toHaveLength(1);

    const anaWeek1 = ok(await gql(STATUS, { id: ana.id, week: 1 }, { token: pm }), 'status').intern.checkInStatus;
    expect(anaWeek1.state).toBe('CHECKED_IN');
    const benStatus = ok(await gql(STATUS, { id: ben.id, week: 1 }, { token: pm }), 'status').intern.checkInStatus;
    expect(benStatus).toEqual({
      week: 1,
      state: 'MISSED',
      mentors: [{ mentorId: q.id, role: 'PRIMARY', state: 'MISSED' }],
    });
  });

  it('the last week counts too: closed when the cohort completes, once per intern', async () => {
    await advanceCohort(pm, cohort.id, 10);
    await coMentorChecksIn(10);
    await advanceCohort(pm, cohort.id, 11); // CohortCompleted

    await probe.waitFor((m) => missedOf(m) && (m.json as any).internId === ben.id && (m.json as any).week === 10, {
      timeoutMs: 30_000,
    });
    const all = await probe.collectFor(missedOf, 3000);
    expect(missed(all, ben.id, 10).map((m) => m.json)).toEqual([
      { cohortId: cohort.id, internId: ben.id, week: 10, mentorIds: [q.id], primaryMentorId: q.id },
    ]);
    expect(missed(all, ana.id, 10)).toEqual([]);
    // Weeks nobody checked in for Ana name both her mentors, the primary first.
    expect(missed(all, ana.id, 5).map((m) => m.json)).toEqual([
      { cohortId: cohort.id, internId: ana.id, week: 5, mentorIds: [p.id, c.id], primaryMentorId: p.id },
    ]);
    // One per intern and week: Ben missed each of the ten weeks exactly once.
    expect(
      all
        .filter((m) => (m.json as any).internId === ben.id)
        .map((m) => (m.json as any).week)
        .sort((a: number, b: number) => a - b),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const last = ok(await gql(STATUS, { id: ben.id, week: 10 }, { token: pm }), 'status').intern.checkInStatus;
    expect(last.state).toBe('MISSED');
  });
});
