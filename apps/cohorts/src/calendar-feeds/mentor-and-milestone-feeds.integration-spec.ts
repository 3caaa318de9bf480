import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { describe, expect, it } from '@jest/globals';
import { eventsTopic, MentorAssignedV1, ProjectScopeApprovedV1, ProjectScopeApprovedV2 } from '#contracts';
import { eventually } from '#testing';
import { cohortLifeWorld, internInput, M } from '../testing/cohort-life-world.js';

/**
 * Issue 13, against the real Postgres and Kafka: the milestones of an intern's approved scope
 * (scoping's ProjectScopeApproved v1/v2, projected here) in their own calendar feed, moved and
 * dropped under the same UID with SEQUENCE raised; and a mentor's feed (check-ins due per mentee
 * and week, the panels they sit on, the talks of the cohorts where they mentor) as `.ics`.
 */
const world = cohortLifeWorld();
const { run, ids, tokens, ok } = world;

const CREATE = `mutation { createCalendarFeed { id url } }`;

async function feedOf(who: 'i1' | 'm1'): Promise<string> {
  const res = await world.svc.gql(CREATE, {}, tokens[who]);
  expect(res.errors).toBeUndefined();
  const token = /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(res.data!.createCalendarFeed.url as string)![1]!;
  return token;
}

async function ics(token: string): Promise<{ text: string; events: Map<string, ICAL.Event> }> {
  const res = await world.svc.http.inject({ method: 'GET', url: `/calendar-feeds/${token}.ics` });
  expect(res.statusCode).toBe(200);
  const events = new ICAL.Component(ICAL.parse(res.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { text: res.body, events: new Map(events.map((e) => [e.uid, e])) };
}

describe('mentor feeds and milestones in intern feeds', () => {
  let cohortA: string;
  let cohortB: string;
  let talkA: string;
  let talkB: string;
  let slots: { id: string }[];
  let slotB: string;
  const projectId = randomUUID();
  const msA = `ms-a-${run}`;
  const msB = `ms-b-${run}`;
  const feeds = {} as Record<'i1' | 'm1', string>;

  const milestonesOf = async (): Promise<
    { milestone_id: string; due_week: number; sequence: number; removed: boolean }[]
  > =>
    (await world.svc.dataSource.query(
      `SELECT milestone_id, due_week, sequence, removed FROM intern_milestones WHERE project_id = $1 ORDER BY milestone_id`,
      [projectId],
    )) as { milestone_id: string; due_week: number; sequence: number; removed: boolean }[];

  it('set-up: two cohorts, talks, slots with panels, a mentee of m1, an approved scope of i1', async () => {
    const cohort = (name: string) => ({
      name: `${name} ${run}`,
      startDate: '2027-06-07',
      weeks: 12,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 5,
    });
    cohortA = (await ok('pm', M.schedule, cohort('Mentor feed A'))).id;
    cohortB = (await ok('pm', M.schedule, cohort('Mentor feed B'))).id;
    await ok('pm', M.enroll, internInput(cohortA, ids.i1));
    await ok('pm', M.enroll, internInput(cohortA, ids.i2));
    const talk = (cohortId: string, title: string) =>
      ok('pm', M.talk, {
        cohortId,
        title,
        speaker: 'Grace',
        startsAt: '2027-06-15T16:00:00+02:00',
        durationMinutes: 45,
      });
    talkA = (await talk(cohortA, 'Ranking at scale')).id;
    talkB = (await talk(cohortB, 'Elsewhere')).id;
    slots = await ok('pm', M.open, {
      cohortId: cohortA,
      slots: [
        { startsAt: '2027-08-24T10:00:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m1] },
        { startsAt: '2027-08-24T10:30:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m2] },
      ],
    });
    slotB = (
      await ok('pm', M.open, {
        cohortId: cohortB,
        slots: [{ startsAt: '2027-08-24T10:00:00+02:00', durationMinutes: 30, panelMentorIds: [ids.m1] }],
      })
    )[0].id;
    await world.publish(eventsTopic('mentors'), MentorAssignedV1, ids.i1, {
      assignmentId: randomUUID(),
      cohortId: cohortA,
      internId: ids.i1,
      mentorId: ids.m1,
      role: 'PRIMARY',
      assignedAt: new Date().toISOString(),
    });
    await world.publish(eventsTopic('scoping'), ProjectScopeApprovedV1, ids.i1, {
      projectId,
      cohortId: cohortA,
      internId: ids.i1,
      version: 1,
      mentorId: ids.m1,
      milestones: [
        { milestoneId: msA, title: 'Baseline model', dueWeek: 4 },
        { milestoneId: msB, title: 'Online test', dueWeek: 8 },
      ],
    });
    await eventually(async () => (await milestonesOf()).length === 2, { timeoutMs: 60_000, what: 'the milestones' });
    await eventually(
      async () =>
        (
          (await world.svc.dataSource.query(`SELECT 1 FROM mentor_assignments WHERE mentor_id = $1`, [
            ids.m1,
          ])) as unknown[]
        ).length > 0,
      { timeoutMs: 60_000, what: 'the assignment projection' },
    );
    feeds.i1 = await feedOf('i1');
    feeds.m1 = await feedOf('m1');
  });

  it("the intern's feed: each milestone an all-day deadline on the last day of its week, SEQUENCE 0", async () => {
    const { events, text } = await ics(feeds.i1);
    const a = events.get(`milestone-${msA}@mentorflow`)!;
    expect(a.startDate.toString()).toBe('2027-07-04');
    expect(a.summary).toBe(`Mentor feed A ${run}: milestone due: Baseline model`);
    expect(a.sequence).toBe(0);
    expect(events.get(`milestone-${msB}@mentorflow`)!.startDate.toString()).toBe('2027-08-01');
    expect(text).toContain('CATEGORIES:Mentorflow,Deadline,Milestone');
  });

  it('a re-approval moves a milestone and drops another under the same UIDs, SEQUENCE raised; a redelivery changes nothing', async () => {
    const v2 = await world.publish(eventsTopic('scoping'), ProjectScopeApprovedV2, ids.i1, {
      projectId,
      cohortId: cohortA,
      internId: ids.i1,
      version: 2,
      mentorId: null,
      approvedBy: { id: ids.pm, role: 'PROGRAM_MANAGER' },
      milestones: [{ milestoneId: msA, title: 'Baseline model', dueWeek: 5 }],
    });
    await eventually(async () => (await milestonesOf()).every((m) => m.sequence === 1), {
      timeoutMs: 60_000,
      what: 'the re-approval',
    });
    // The v2 event once more, then the late v1 approval (same key: one partition, in this order): nothing moves.
    await world.publish(
      eventsTopic('scoping'),
      ProjectScopeApprovedV2,
      ids.i1,
      ProjectScopeApprovedV2.schema.parse(v2.data),
      v2,
    );
    const late = await world.publish(eventsTopic('scoping'), ProjectScopeApprovedV1, ids.i1, {
      projectId,
      cohortId: cohortA,
      internId: ids.i1,
      version: 1,
      mentorId: ids.m1,
      milestones: [{ milestoneId: msA, title: 'Baseline model', dueWeek: 4 }],
    });
    await eventually(async () => world.processed(late.id), { timeoutMs: 60_000, what: 'the late approval' });
    expect(await milestonesOf()).toEqual([
      { milestone_id: msA, due_week: 5, sequence: 1, removed: false },
      { milestone_id: msB, due_week: 8, sequence: 1, removed: true },
    ]);
    const { events } = await ics(feeds.i1);
    const a = events.get(`milestone-${msA}@mentorflow`)!;
    expect([a.startDate.toString(), a.sequence]).toEqual(['2027-07-11', 1]);
    const b = events.get(`milestone-${msB}@mentorflow`)!;
    expect(b.sequence).toBe(1);
    expect(b.summary).toMatch(/^Cancelled: /);
    expect(b.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it("a mentor's feed (.ics): a check-in due per week of each mentee, the panels they sit on, their mentees' cohorts' talks", async () => {
    const { events, text } = await ics(feeds.m1);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const checkIns = [...events.keys()].filter((uid) => uid.startsWith('check-in-'));
    expect(checkIns).toHaveLength(12);
    const week1 = events.get(`check-in-${cohortA}-${ids.i1}-week-1@mentorflow`)!;
    expect(week1.startDate.toString()).toBe('2027-06-13');
    expect(week1.summary).toBe(`Mentor feed A ${run}: check-in with Intern ${ids.i1} due (week 1)`);
    expect(events.has(`check-in-${cohortA}-${ids.i1}-week-12@mentorflow`)).toBe(true);
    expect(checkIns.some((uid) => uid.includes(ids.i2))).toBe(false);
    expect(events.has(`slot-${slots[0]!.id}@mentorflow`)).toBe(true);
    expect(events.has(`slot-${slots[1]!.id}@mentorflow`)).toBe(false); // m2's panel
    expect(events.has(`slot-${slotB}@mentorflow`)).toBe(true); // a panel in a cohort without mentees
    expect(events.has(`talk-${talkA}@mentorflow`)).toBe(true);
    expect(events.has(`talk-${talkB}@mentorflow`)).toBe(false);
    expect(events.has(`cohort-${cohortA}-scope-due@mentorflow`)).toBe(true);
  });
});
