import { describe, expect, it } from '@jest/globals';
import {
  FinalOutcomeRecordedV1,
  InternCompletedV1,
  InternshipExtendedV1,
  InternshipExtensionRefusedV1,
  InternshipExtensionRevokedV1,
  MidpointDecisionMadeV1,
  type EventData,
} from '#contracts';
import type { EventMeta } from '#messaging';
import { CohortStatus } from '../../cohorts/domain/cohort.js';
import { EnrollmentStatus } from '../domain/enrollment.js';
import {
  enrollmentOf,
  grantedExtension,
  patchEnrollment,
  repositoryFakes,
  scheduledCohort,
  startCohort,
} from '../../shared/commands/testing/repository-fakes.js';
import { EvaluationDecisionsConsumer } from './evaluation-decisions.consumer.js';

const NOW = new Date('2027-07-14T10:00:00Z'); // Wednesday of week 6 (Europe/Berlin)
const EVALUATION = '00000000-0000-4000-8000-0000000000e1';
const meta = { id: 'event-1', type: 't', source: 's', subject: 'x', time: NOW.toISOString() } as EventMeta;

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1']);
  startCohort(f, cohortId, 6, NOW);
  const consumer = f.build(EvaluationDecisionsConsumer);
  const deliver = <D>(index: 0 | 1, data: D) =>
    f.dataSource.transaction((tx) => consumer.handlers[index]!.handle(data as never, meta, tx));
  const midpoint = (
    decision: 'CONTINUE' | 'EXTEND' | 'TERMINATE',
    revision?: number,
    extensionWeeks: number | null = null,
  ): EventData<typeof MidpointDecisionMadeV1> => ({
    evaluationId: EVALUATION,
    cohortId,
    internId: 'intern-1',
    mentorId: 'mentor-1',
    decision,
    extensionWeeks,
    ...(revision === undefined ? {} : { revision }),
  });
  const final = (
    outcome: 'PASS' | 'FAIL',
    revision?: number,
    returnOffer: 'STRONG_YES' | 'YES' | 'NO' = 'YES',
  ): EventData<typeof FinalOutcomeRecordedV1> => ({
    evaluationId: EVALUATION,
    cohortId,
    internId: 'intern-1',
    mentorId: 'mentor-1',
    outcome,
    returnOffer,
    ...(revision === undefined ? {} : { revision }),
  });
  return {
    ...f,
    cohortId,
    enrollmentId: enrollmentOf(f.repo, cohortId, 'intern-1').id,
    midpoint: (d: Parameters<typeof midpoint>[0], r?: number, w?: number | null) => deliver(0, midpoint(d, r, w)),
    final: (o: 'PASS' | 'FAIL', r?: number, offer?: 'STRONG_YES' | 'YES' | 'NO') => deliver(1, final(o, r, offer)),
  };
}

const short = (type: string) => type.split('.')[2];

describe('EvaluationDecisionsConsumer', () => {
  it('applies midpoint decisions by revision: revokes what a superseded EXTEND granted, ignores older ones', async () => {
    const { midpoint, repo, enrollments, outbox, cohortId, enrollmentId } = await setup();
    await midpoint('EXTEND', undefined, 2);
    await midpoint('EXTEND', 1, 2); // the same revision again: nothing
    expect(enrollments.extensions.map((x) => [x.weeks, x.afterWeek, x.sourceRef])).toEqual([
      [2, 6, `evaluation:${EVALUATION}`],
    ]);
    await midpoint('EXTEND', 2, 3);
    expect(enrollmentOf(repo, cohortId, 'intern-1').extensionWeeks).toBe(3);
    await midpoint('CONTINUE', 2); // stale
    expect(enrollments.extensions).toHaveLength(1);
    await midpoint('CONTINUE', 3);
    expect(enrollmentOf(repo, cohortId, 'intern-1').extensionWeeks).toBe(0);
    expect(enrollments.extensions).toEqual([]);
    expect(enrollments.decisions.get(`${enrollmentId}/${EVALUATION}`)).toMatchObject({
      revision: 3,
      decision: 'CONTINUE',
      extensionWeeks: null,
    });
    expect(outbox.types().map(short)).toEqual([
      'InternshipExtended',
      'InternshipExtensionRevoked',
      'InternshipExtended',
      'InternshipExtensionRevoked',
    ]);
    expect(outbox.dataOf(InternshipExtendedV1).map((d) => d.weeks)).toEqual([2, 3]);
    expect(outbox.dataOf(InternshipExtensionRevokedV1)).toEqual([
      expect.objectContaining({ revokedWeeks: 2, extensions: [], totalExtensionWeeks: 0, programWeeks: 12 }),
      expect.objectContaining({
        revokedWeeks: 3,
        extensions: [],
        totalExtensionWeeks: 0,
        programWeeks: 12,
        newEndDate: '2027-08-29',
        presentationsWeek: { startsOn: '2027-08-23', endsOn: '2027-08-29' },
        finalEvaluationsDue: '2027-08-29',
      }),
    ]);
    // The clock no longer runs past the end for this intern.
    expect(repo.clockEvents.get(cohortId)!.filter((e) => e.kind === 'EXTENDED_WEEK_STARTED')).toEqual([]);
  });

  it('keeps the other extensions when revoking, and revokes before terminating', async () => {
    const { midpoint, repo, enrollments, outbox, cohortId, enrollmentId } = await setup();
    patchEnrollment(repo, cohortId, 'intern-1', { extensionWeeks: 1 });
    const pm = grantedExtension(enrollmentId, 1, 4);
    enrollments.extensions = [pm];
    await midpoint('EXTEND', 1, 2);
    await midpoint('TERMINATE', 2);
    expect(enrollmentOf(repo, cohortId, 'intern-1')).toMatchObject({ status: 'TERMINATED', extensionWeeks: 1 });
    expect(enrollments.extensions).toEqual([pm]);
    expect(outbox.types().map(short)).toEqual(['InternshipExtended', 'InternshipExtensionRevoked', 'InternTerminated']);
    expect(outbox.dataOf(InternshipExtensionRevokedV1)[0]).toMatchObject({
      extensions: [{ afterWeek: 4, weeks: 1 }],
      totalExtensionWeeks: 1,
      programWeeks: 13,
    });
    // Away from TERMINATE: the enrollment stays over, nothing is published.
    await midpoint('CONTINUE', 3);
    expect(enrollmentOf(repo, cohortId, 'intern-1').status).toBe('TERMINATED');
    expect(outbox.events).toHaveLength(3);
  });

  it('publishes an EXTEND the rules refuse as InternshipExtensionRefused and changes nothing else', async () => {
    const { midpoint, repo, enrollments, outbox, cohortId, enrollmentId } = await setup();
    patchEnrollment(repo, cohortId, 'intern-1', { extensionWeeks: 4 });
    enrollments.extensions = [grantedExtension(enrollmentId, 4, 4)];
    const before = { enrollment: enrollmentOf(repo, cohortId, 'intern-1'), extensions: enrollments.extensions };
    await midpoint('EXTEND', 1, 2);
    expect(enrollmentOf(repo, cohortId, 'intern-1')).toEqual(before.enrollment);
    expect(enrollments.extensions).toEqual(before.extensions);
    expect(enrollments.decisions.size).toBe(0);
    expect(outbox.dataOf(InternshipExtensionRefusedV1)).toEqual([
      {
        cohortId,
        internId: 'intern-1',
        evaluationId: EVALUATION,
        mentorId: 'mentor-1',
        requestedWeeks: 2,
        totalExtensionWeeks: 4,
        reason: 'weeks would extend the internship by 6 weeks in total; at most 5 (already extended by 4)',
      },
    ]);
    expect(outbox.events).toHaveLength(1);
  });

  it('refuses an EXTEND once the program is over, and an EXTEND n → m that would not fit keeps n', async () => {
    const { midpoint, repo, enrollments, outbox, cohortId, enrollmentId } = await setup();
    await midpoint('EXTEND', 1, 2);
    patchEnrollment(repo, cohortId, 'intern-1', { extensionWeeks: 5 });
    enrollments.extensions = [...enrollments.extensions, grantedExtension(enrollmentId, 3, 7)];
    await midpoint('EXTEND', 2, 3); // 3 (PM) + 3 > 5
    expect(enrollments.extensions.map((x) => x.weeks)).toEqual([2, 3]);
    expect(outbox.types().map(short)).toEqual(['InternshipExtended', 'InternshipExtensionRefused']);

    const late = await setup();
    late.clock.current = new Date('2027-09-01T10:00:00Z'); // after the intern's last week
    await late.midpoint('EXTEND', 1, 1);
    expect(late.outbox.dataOf(InternshipExtensionRefusedV1)[0]!.reason).toMatch(/can no longer be extended/);
  });

  it('completes a still-ACTIVE intern of a completed cohort with a late outcome, then takes a corrected one', async () => {
    const { final, repo, outbox, cohortId } = await setup();
    repo.cohorts.set(cohortId, { ...repo.cohorts.get(cohortId)!, status: CohortStatus.COMPLETED, currentWeek: 13 });
    patchEnrollment(repo, cohortId, 'intern-1', { status: EnrollmentStatus.ACTIVE });
    await final('PASS');
    expect(enrollmentOf(repo, cohortId, 'intern-1')).toMatchObject({ status: 'COMPLETED', outcome: 'PASS' });
    await final('FAIL', 1); // the same revision: nothing
    await final('FAIL', 2);
    await final('PASS', 2); // stale
    await final('FAIL', 3); // newer, but the same outcome: nothing to publish
    expect(enrollmentOf(repo, cohortId, 'intern-1')).toMatchObject({ status: 'COMPLETED', outcome: 'FAIL' });
    expect(outbox.dataOf(InternCompletedV1).map((d) => d.outcome)).toEqual(['PASS', 'FAIL']);
  });

  it('corrects the outcome of an enrollment completed before revisions were kept only from revision 2', async () => {
    const { final, repo, outbox, cohortId } = await setup();
    patchEnrollment(repo, cohortId, 'intern-1', { status: EnrollmentStatus.COMPLETED, outcome: 'PASS' });
    await final('FAIL');
    expect(enrollmentOf(repo, cohortId, 'intern-1').outcome).toBe('PASS');
    await final('FAIL', 2);
    expect(enrollmentOf(repo, cohortId, 'intern-1').outcome).toBe('FAIL');
    expect(outbox.dataOf(InternCompletedV1).map((d) => d.outcome)).toEqual(['FAIL']);
  });

  it('keeps the return-offer recommendation of the latest revision applied, publishing nothing for it alone', async () => {
    const { final, repo, outbox, cohortId } = await setup();
    await final('PASS', 1, 'YES');
    expect(enrollmentOf(repo, cohortId, 'intern-1')).toMatchObject({ outcome: 'PASS', offerRecommendation: 'YES' });
    await final('PASS', 2, 'STRONG_YES'); // same outcome, new recommendation
    expect(enrollmentOf(repo, cohortId, 'intern-1').offerRecommendation).toBe('STRONG_YES');
    await final('PASS', 2, 'NO'); // a redelivery of an older revision: nothing
    await final('PASS', 1, 'NO');
    expect(enrollmentOf(repo, cohortId, 'intern-1')).toMatchObject({
      offerRecommendation: 'STRONG_YES',
      offerStatus: null,
    });
    expect(outbox.dataOf(InternCompletedV1).map((d) => d.outcome)).toEqual(['PASS']);
  });
});
