import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { eventsTopic, FinalOutcomeRecordedV1, ReturnOfferDecidedV1 } from '#contracts';
import { eventually } from '#testing';
import { cohortLifeWorld, internInput, M } from '../testing/cohort-life-world.js';

/**
 * Return offers (SPEC §7) against the real Postgres and Kafka: the recommendation kept from the
 * latest final outcome consumed, `recordOfferDecision` in its order (EXTENDED, then ACCEPTED or
 * DECLINED), the refusals, and ReturnOfferDecided on the cohorts topic.
 */
const world = cohortLifeWorld();
const { run, clock, ids, gql, ok, fails, publish, processed } = world;

const RECORD = `mutation ($input: RecordOfferDecisionInput!) {
  recordOfferDecision(input: $input) { internId status outcome returnOffer { recommendation status decidedAt } } }`;
const OFFERS = `query ($id: ID!) { cohort(id: $id) { enrollments { edges { node { internId returnOffer { recommendation status decidedAt } } } } } }`;

async function offerOf(who: 'pm' | 'i1', cohortId: string, internId: string): Promise<any> {
  const res = await gql(who, OFFERS, { id: cohortId });
  expect(res.errors).toBeUndefined();
  const nodes = res.data!.cohort.enrollments.edges.map((e: any) => e.node);
  return nodes.find((n: any) => n.internId === internId)?.returnOffer;
}

describe('return offers', () => {
  it('keeps the latest recommendation, records EXTENDED then ACCEPTED, and refuses what the rules refuse', async () => {
    clock.current = new Date('2027-05-20T10:00:00Z');
    const cohort = await ok('pm', M.schedule, {
      name: `Offers ${run}`,
      startDate: '2027-06-14',
      weeks: 12,
      timezone: 'America/New_York',
      location: 'NYC',
      workMode: 'ON_SITE',
      capacity: 5,
    });
    const cohortId: string = cohort.id;
    for (const internId of [ids.i1, ids.i2]) await ok('pm', M.enroll, internInput(cohortId, internId));
    await ok('pm', M.advance, { cohortId, toWeek: 1 });
    for (const who of ['i1', 'i2'] as const) {
      for (const task of cohort.onboardingChecklist as { id: string }[])
        await ok(who, M.complete, { cohortId, taskId: task.id });
    }
    await ok('pm', M.advance, { cohortId, toWeek: 12 });

    const topic = eventsTopic('evaluations');
    const evaluation = { i1: randomUUID(), i2: randomUUID() };
    const outcome = (
      who: 'i1' | 'i2',
      o: 'PASS' | 'FAIL',
      returnOffer: 'STRONG_YES' | 'YES' | 'NO',
      revision?: number,
    ) => ({
      evaluationId: evaluation[who],
      cohortId,
      internId: ids[who],
      mentorId: ids.m1,
      outcome: o,
      returnOffer,
      ...(revision === undefined ? {} : { revision }),
    });
    await publish(topic, FinalOutcomeRecordedV1, cohortId, outcome('i1', 'PASS', 'YES'));
    await publish(topic, FinalOutcomeRecordedV1, cohortId, outcome('i2', 'FAIL', 'NO'));
    await publish(topic, FinalOutcomeRecordedV1, cohortId, outcome('i1', 'PASS', 'STRONG_YES', 2));
    const stale = await publish(topic, FinalOutcomeRecordedV1, cohortId, outcome('i1', 'PASS', 'NO', 1));
    await eventually(() => processed(stale.id), { timeoutMs: 60_000, what: 'the final outcomes' });

    expect(await offerOf('pm', cohortId, ids.i1)).toEqual({
      recommendation: 'STRONG_YES',
      status: null,
      decidedAt: null,
    });
    expect(await offerOf('i1', cohortId, ids.i1)).toEqual({ recommendation: null, status: null, decidedAt: null });

    const early = await fails('pm', RECORD, { cohortId, internId: ids.i1, status: 'ACCEPTED' });
    expect(early.extensions?.code).toBe('CONFLICT');
    const failed = await fails('pm', RECORD, { cohortId, internId: ids.i2, status: 'EXTENDED' });
    expect(failed.extensions?.code).toBe('CONFLICT');
    const bad = await fails('pm', RECORD, { cohortId, internId: ' ', status: 'EXTENDED' });
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((bad.extensions as any).fields.map((f: { field: string }) => f.field)).toEqual(['internId']);
    const byIntern = await fails('i1', RECORD, { cohortId, internId: ids.i1, status: 'EXTENDED' });
    expect(byIntern.extensions?.code).toBe('FORBIDDEN');

    clock.current = new Date('2027-09-10T14:00:00Z');
    const extended = await ok('pm', RECORD, { cohortId, internId: ids.i1, status: 'EXTENDED' });
    expect(extended).toMatchObject({
      status: 'COMPLETED',
      outcome: 'PASS',
      returnOffer: { recommendation: 'STRONG_YES', status: 'EXTENDED', decidedAt: '2027-09-10T14:00:00.000Z' },
    });
    clock.current = new Date('2027-09-17T09:00:00Z');
    await ok('pm', RECORD, { cohortId, internId: ids.i1, status: 'ACCEPTED' });
    await ok('pm', RECORD, { cohortId, internId: ids.i1, status: 'ACCEPTED' }); // the same again: nothing
    const declined = await fails('pm', RECORD, { cohortId, internId: ids.i1, status: 'DECLINED' });
    expect(declined.extensions?.code).toBe('CONFLICT');
    expect(await offerOf('pm', cohortId, ids.i1)).toEqual({
      recommendation: 'STRONG_YES',
      status: 'ACCEPTED',
      decidedAt: '2027-09-17T09:00:00.000Z',
    });

    const events = await world.svc.probe.waitFor(
      (m) => m.headers.ce_subject === cohortId && m.headers.ce_type === ReturnOfferDecidedV1.type,
      { count: 2 },
    );
    await world.svc.probe.collectFor(() => false, 1000);
    expect(
      world.svc.probe.messages
        .filter((m) => m.headers.ce_subject === cohortId && m.headers.ce_type === ReturnOfferDecidedV1.type)
        .map((m) => m.json),
    ).toEqual([
      expect.objectContaining({
        internId: ids.i1,
        status: 'EXTENDED',
        recommendation: 'STRONG_YES',
        decidedBy: ids.pm,
      }),
      expect.objectContaining({ internId: ids.i1, status: 'ACCEPTED', decidedAt: '2027-09-17T09:00:00.000Z' }),
    ]);
    expect(events).toHaveLength(2);
  });
});
