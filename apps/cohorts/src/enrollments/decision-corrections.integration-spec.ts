import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  eventsTopic,
  FinalOutcomeRecordedV1,
  InternCompletedV1,
  InternshipExtendedV1,
  InternshipExtensionRefusedV1,
  InternshipExtensionRevokedV1,
  InternTerminatedV1,
  MidpointDecisionMadeV1,
} from '#contracts';
import { eventually, type ProbedMessage } from '#testing';
import { cohortLifeWorld, internInput, M } from '../testing/cohort-life-world.js';

/**
 * Corrected evaluation decisions (SPEC §7) against the real Postgres and Kafka: midpoint decisions
 * applied by revision (a correction revokes what the superseded one granted, an older revision or
 * a redelivery changes nothing), an EXTEND the rules refuse published as refused, a correction of
 * a TERMINATE, and late and corrected final outcomes.
 */
const world = cohortLifeWorld();
const { run, clock, ids, gql, ok, publish, processed } = world;
const topic = eventsTopic('evaluations');

const DECISION_EVENTS: readonly string[] = [
  InternshipExtendedV1.type,
  InternshipExtensionRevokedV1.type,
  InternshipExtensionRefusedV1.type,
  InternTerminatedV1.type,
  InternCompletedV1.type,
];

/** The decision events the service published about one intern of a cohort, in order: [type, data]. */
function decisionEvents(cohortId: string, internId: string): [string, any][] {
  return world.svc.probe.messages
    .filter(
      (m: ProbedMessage) =>
        m.headers.ce_subject === cohortId &&
        DECISION_EVENTS.includes(m.headers.ce_type!) &&
        (m.json as { internId: string }).internId === internId,
    )
    .map((m) => [m.headers.ce_type!.split('.')[2]!, m.json]);
}

async function scheduledCohort(name: string, interns: string[]): Promise<string> {
  clock.current = new Date('2027-05-20T10:00:00Z');
  const cohort = await ok('pm', M.schedule, {
    name: `${name} ${run}`,
    startDate: '2027-06-14',
    weeks: 12,
    timezone: 'America/New_York',
    location: 'NYC',
    workMode: 'ON_SITE',
    capacity: 5,
  });
  for (const internId of interns) await ok('pm', M.enroll, internInput(cohort.id, internId));
  return cohort.id;
}

const ENROLLMENT = `query ($id: ID!) { cohort(id: $id) { enrollments { edges { node { internId status outcome extensionWeeks
    extensions { weeks afterWeek source } calendar { programWeeks keyDates { programEnd } } } } } } }`;

async function enrollmentOf(cohortId: string, internId: string): Promise<any> {
  const edges = (await gql('pm', ENROLLMENT, { id: cohortId })).data!.cohort.enrollments.edges;
  return edges.map((e: any) => e.node).find((n: any) => n.internId === internId);
}

describe('corrected evaluation decisions', () => {
  it('applies midpoint decisions by revision: revokes and re-extends, ignores older ones and redeliveries, refuses beyond 5 weeks', async () => {
    const cohortId = await scheduledCohort('Corrections', [ids.i1, ids.i2, ids.i3]);
    await ok('pm', M.advance, { cohortId, toWeek: 6 });
    const evaluationId = randomUUID();
    const midpoint = (
      internId: string,
      decision: 'CONTINUE' | 'EXTEND' | 'TERMINATE',
      revision: number | undefined,
      extensionWeeks: number | null = null,
      evaluation = evaluationId,
    ) => ({
      evaluationId: evaluation,
      cohortId,
      internId,
      mentorId: ids.m1,
      decision,
      extensionWeeks,
      ...(revision === undefined ? {} : { revision }),
    });

    // i1: EXTEND 2 (no revision: 1), redelivered; EXTEND 3 at revision 2; a stale CONTINUE at 2; CONTINUE at 3.
    const first = await publish(topic, MidpointDecisionMadeV1, cohortId, midpoint(ids.i1, 'EXTEND', undefined, 2));
    await publish(topic, MidpointDecisionMadeV1, cohortId, midpoint(ids.i1, 'EXTEND', undefined, 2), first);
    const second = await publish(topic, MidpointDecisionMadeV1, cohortId, midpoint(ids.i1, 'EXTEND', 2, 3));
    await eventually(() => processed(second.id), { timeoutMs: 60_000, what: 'revision 2' });
    expect(await enrollmentOf(cohortId, ids.i1)).toMatchObject({
      status: 'ONBOARDING',
      extensionWeeks: 3,
      extensions: [{ weeks: 3, afterWeek: 6, source: 'MIDPOINT_DECISION' }],
      calendar: { programWeeks: 15, keyDates: { programEnd: '2027-09-26' } },
    });
    const stale = await publish(topic, MidpointDecisionMadeV1, cohortId, midpoint(ids.i1, 'CONTINUE', 2));
    await eventually(() => processed(stale.id), { timeoutMs: 60_000, what: 'the stale revision' });
    expect((await enrollmentOf(cohortId, ids.i1)).extensionWeeks).toBe(3);
    const third = await publish(topic, MidpointDecisionMadeV1, cohortId, midpoint(ids.i1, 'CONTINUE', 3));
    await eventually(() => processed(third.id), { timeoutMs: 60_000, what: 'revision 3' });
    expect(await enrollmentOf(cohortId, ids.i1)).toMatchObject({
      extensionWeeks: 0,
      extensions: [],
      calendar: { programWeeks: 12, keyDates: { programEnd: '2027-09-05' } },
    });
    // The clock no longer runs past the cohort's end for nobody.
    const extendedWeeks = (await world.svc.dataSource.query(
      `SELECT week FROM clock_events WHERE cohort_id = $1 AND kind = 'EXTENDED_WEEK_STARTED' ORDER BY week`,
      [cohortId],
    )) as { week: number }[];
    expect(extendedWeeks).toEqual([]);

    // i2: extended 4 weeks by the PM; a midpoint EXTEND 2 is refused, published, and changes nothing.
    await ok('pm', M.extend, { cohortId, internId: ids.i2, weeks: 4, reason: 'late start' });
    const refused = await publish(
      topic,
      MidpointDecisionMadeV1,
      cohortId,
      midpoint(ids.i2, 'EXTEND', 1, 2, randomUUID()),
    );
    await eventually(() => processed(refused.id), {
      timeoutMs: 60_000,
      what: 'the refused EXTEND (not dead-lettered)',
    });
    expect(await enrollmentOf(cohortId, ids.i2)).toMatchObject({ status: 'ONBOARDING', extensionWeeks: 4 });

    // i3: TERMINATE, then corrected to CONTINUE: the enrollment stays TERMINATED, nothing more is published.
    const terminate = randomUUID();
    await publish(topic, MidpointDecisionMadeV1, cohortId, midpoint(ids.i3, 'TERMINATE', 1, null, terminate));
    const corrected = await publish(
      topic,
      MidpointDecisionMadeV1,
      cohortId,
      midpoint(ids.i3, 'CONTINUE', 2, null, terminate),
    );
    await eventually(() => processed(corrected.id), { timeoutMs: 60_000, what: 'the TERMINATE correction' });
    expect((await enrollmentOf(cohortId, ids.i3)).status).toBe('TERMINATED');

    await world.svc.probe.waitFor(
      (m) => m.headers.ce_subject === cohortId && m.headers.ce_type === InternTerminatedV1.type,
    );
    await world.svc.probe.waitFor(
      (m) => m.headers.ce_subject === cohortId && m.headers.ce_type === InternshipExtensionRefusedV1.type,
    );
    await world.svc.probe.waitFor(
      (m) => m.headers.ce_subject === cohortId && m.headers.ce_type === InternshipExtensionRevokedV1.type,
      { count: 2 },
    );
    await world.svc.probe.collectFor(() => false, 1000);
    const i1 = decisionEvents(cohortId, ids.i1);
    expect(i1.map(([type, d]) => [type, d.weeks ?? d.revokedWeeks, d.totalExtensionWeeks])).toEqual([
      ['InternshipExtended', 2, 2],
      ['InternshipExtensionRevoked', 2, 0],
      ['InternshipExtended', 3, 3],
      ['InternshipExtensionRevoked', 3, 0],
    ]);
    expect(i1[3]![1]).toMatchObject({ extensions: [], programWeeks: 12, newEndDate: '2027-09-05' });
    expect(decisionEvents(cohortId, ids.i2)).toEqual([
      ['InternshipExtended', expect.objectContaining({ source: 'PROGRAM_MANAGER', weeks: 4 })],
      [
        'InternshipExtensionRefused',
        expect.objectContaining({ mentorId: ids.m1, requestedWeeks: 2, totalExtensionWeeks: 4 }),
      ],
    ]);
    expect(decisionEvents(cohortId, ids.i3).map(([type]) => type)).toEqual(['InternTerminated']);
  });

  it('completes an intern still ACTIVE after the cohort completed with a late outcome, and takes a corrected one', async () => {
    const cohortId = await scheduledCohort('Late outcomes', [ids.i1]);
    const checklist = (
      await gql('pm', `query ($id: ID!) { cohort(id: $id) { onboardingChecklist { id } } }`, { id: cohortId })
    ).data!.cohort.onboardingChecklist as { id: string }[];
    await ok('pm', M.advance, { cohortId, toWeek: 1 });
    for (const task of checklist) await ok('i1', M.complete, { cohortId, taskId: task.id });
    await ok('pm', M.advance, { cohortId, toWeek: 13 }); // the cohort completes without a final outcome
    expect(await enrollmentOf(cohortId, ids.i1)).toMatchObject({ status: 'ACTIVE', outcome: null });

    const evaluationId = randomUUID();
    const outcome = (o: 'PASS' | 'FAIL', revision?: number) => ({
      evaluationId,
      cohortId,
      internId: ids.i1,
      mentorId: ids.m1,
      outcome: o,
      returnOffer: o === 'PASS' ? ('YES' as const) : ('NO' as const),
      ...(revision === undefined ? {} : { revision }),
    });
    const late = await publish(topic, FinalOutcomeRecordedV1, cohortId, outcome('PASS'));
    await publish(topic, FinalOutcomeRecordedV1, cohortId, outcome('PASS'), late); // redelivered
    await eventually(() => processed(late.id), { timeoutMs: 60_000, what: 'the late outcome' });
    expect(await enrollmentOf(cohortId, ids.i1)).toMatchObject({ status: 'COMPLETED', outcome: 'PASS' });

    const correction = await publish(topic, FinalOutcomeRecordedV1, cohortId, outcome('FAIL', 2));
    const stale = await publish(topic, FinalOutcomeRecordedV1, cohortId, outcome('PASS', 2));
    await eventually(() => processed(stale.id), { timeoutMs: 60_000, what: 'the corrections' });
    expect(await processed(correction.id)).toBe(true);
    expect(await enrollmentOf(cohortId, ids.i1)).toMatchObject({ status: 'COMPLETED', outcome: 'FAIL' });
    await world.svc.probe.waitFor(
      (m) => m.headers.ce_subject === cohortId && m.headers.ce_type === InternCompletedV1.type,
      { count: 2 },
    );
    await world.svc.probe.collectFor(() => false, 1000);
    expect(decisionEvents(cohortId, ids.i1).map(([type, d]) => [type, d.outcome])).toEqual([
      ['InternCompleted', 'PASS'],
      ['InternCompleted', 'FAIL'],
    ]);
  });
});
