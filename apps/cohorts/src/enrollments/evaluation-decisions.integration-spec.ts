import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  eventsTopic,
  FinalOutcomeRecordedV1,
  InternCompletedV1,
  InternshipExtendedV1,
  InternTerminatedV1,
  MidpointDecisionMadeV1,
} from '#contracts';
import { eventually, ofType } from '#testing';
import { cohortLifeWorld, internInput, M } from '../testing/cohort-life-world.js';

/**
 * The evaluation decisions the cohorts service consumes (see cohort-life-world.ts), redelivered
 * and re-published ones included: a midpoint EXTEND, a TERMINATE and a final outcome.
 */
const world = cohortLifeWorld();
const { run, clock, ids, gql, ok, publish, processed } = world;

describe('the evaluation decisions it consumes', () => {
  it('applies a midpoint EXTEND once however often it arrives, a TERMINATE, and a final outcome', async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const cohort = await ok('pm', M.schedule, {
      name: `Decisions ${run}`,
      startDate: '2027-06-14',
      weeks: 12,
      timezone: 'America/New_York',
      location: 'NYC',
      workMode: 'ON_SITE',
      capacity: 5,
    });
    const cohortId: string = cohort.id;
    for (const i of ['i1', 'i2'] as const) await ok('pm', M.enroll, internInput(cohortId, ids[i]));
    await ok('pm', M.advance, { cohortId, toWeek: 6 });

    const topic = eventsTopic('evaluations');
    const decision = (internId: string, d: 'CONTINUE' | 'EXTEND' | 'TERMINATE', evaluationId = randomUUID()) => ({
      evaluationId,
      cohortId,
      internId,
      mentorId: ids.m1,
      decision: d,
      extensionWeeks: d === 'EXTEND' ? 2 : null,
    });
    const extend = decision(ids.i1, 'EXTEND');
    const first = await publish(topic, MidpointDecisionMadeV1, cohortId, extend);
    await publish(topic, MidpointDecisionMadeV1, cohortId, extend, first); // redelivered: the same event
    const resent = await publish(topic, MidpointDecisionMadeV1, cohortId, extend); // re-published: a new event, the same evaluation
    const terminate = await publish(topic, MidpointDecisionMadeV1, cohortId, decision(ids.i2, 'TERMINATE'));
    const marker = await publish(topic, MidpointDecisionMadeV1, cohortId, decision(ids.i1, 'CONTINUE'));
    await eventually(() => processed(marker.id), { timeoutMs: 60_000, what: 'the decisions to be consumed' });
    expect(await processed(first.id)).toBe(true);
    expect(await processed(resent.id)).toBe(true);
    expect(await processed(terminate.id)).toBe(true);

    const ENROLLMENTS = `query ($id: ID!) { cohort(id: $id) { enrollments { edges { node { internId status extensionWeeks
        extensions { weeks afterWeek source } calendar { programWeeks keyDates { programEnd } } } } } } }`;
    const nodes = (await gql('pm', ENROLLMENTS, { id: cohortId }))
      .data!.cohort.enrollments.edges.map((e: any) => e.node)
      .sort((a: any, b: any) => a.internId.localeCompare(b.internId));
    expect(nodes).toEqual([
      {
        internId: ids.i1,
        status: 'ONBOARDING',
        extensionWeeks: 2,
        extensions: [{ weeks: 2, afterWeek: 6, source: 'MIDPOINT_DECISION' }],
        calendar: { programWeeks: 14, keyDates: { programEnd: '2027-09-19' } },
      },
      {
        internId: ids.i2,
        status: 'TERMINATED',
        extensionWeeks: 0,
        extensions: [],
        calendar: { programWeeks: 12, keyDates: { programEnd: '2027-09-05' } },
      },
    ]);
    await world.svc.probe.waitFor(ofType(InternshipExtendedV1.type, cohortId));
    const extensions = await world.svc.probe.collectFor(ofType(InternshipExtendedV1.type, cohortId), 1000);
    expect(extensions).toHaveLength(1);
    expect(extensions[0]!.json).toMatchObject({
      internId: ids.i1,
      source: 'MIDPOINT_DECISION',
      weeks: 2,
      extendedAfterWeek: 6,
    });
    const [terminated] = await world.svc.probe.waitFor(ofType(InternTerminatedV1.type, cohortId));
    expect(terminated!.json).toMatchObject({ internId: ids.i2 });

    const outcome = await publish(eventsTopic('evaluations'), FinalOutcomeRecordedV1, cohortId, {
      evaluationId: randomUUID(),
      cohortId,
      internId: ids.i1,
      mentorId: ids.m1,
      outcome: 'PASS',
      returnOffer: 'STRONG_YES',
    });
    await eventually(() => processed(outcome.id), { timeoutMs: 60_000, what: 'the final outcome to be consumed' });
    const [completed] = await world.svc.probe.waitFor(ofType(InternCompletedV1.type, cohortId));
    expect(completed!.json).toMatchObject({ internId: ids.i1, outcome: 'PASS' });
    const after = (await gql('i1', `{ me { enrollments { cohortId status outcome endedAt } } }`)).data!.me.enrollments;
    expect(after.find((e: any) => e.cohortId === cohortId)).toMatchObject({ status: 'COMPLETED', outcome: 'PASS' });
  });
});
