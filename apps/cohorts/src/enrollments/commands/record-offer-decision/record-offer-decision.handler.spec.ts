import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError } from '#ddd';
import { refusedFields } from '#testing';
import { ReturnOfferDecidedV1 } from '#contracts';
import { EnrollmentStatus } from '../../domain/enrollment.js';
import {
  enrollmentOf,
  patchEnrollment,
  PM,
  repositoryFakes,
  scheduledCohort,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { RecordOfferDecisionCommand } from './record-offer-decision.command.js';
import { RecordOfferDecisionHandler } from './record-offer-decision.handler.js';

const ENDED = new Date('2027-08-20T10:00:00Z');

/** A cohort at its end: intern-1 completed with PASS (recommended YES), intern-2 with FAIL, intern-3 still ACTIVE. */
async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2', 'intern-3']);
  startCohort(f, cohortId, 12, ENDED);
  patchEnrollment(f.repo, cohortId, 'intern-1', {
    status: EnrollmentStatus.COMPLETED,
    outcome: 'PASS',
    offerRecommendation: 'YES',
  });
  patchEnrollment(f.repo, cohortId, 'intern-2', { status: EnrollmentStatus.COMPLETED, outcome: 'FAIL' });
  patchEnrollment(f.repo, cohortId, 'intern-3', { status: EnrollmentStatus.ACTIVE });
  const handler = f.build(RecordOfferDecisionHandler);
  const decide = (internId: string, status: string) =>
    handler.execute(new RecordOfferDecisionCommand(cohortId, internId, status, PM));
  return { ...f, cohortId, decide, handler };
}

describe('RecordOfferDecisionHandler', () => {
  it('records EXTENDED then ACCEPTED, publishing ReturnOfferDecided for each with the recommendation', async () => {
    const { decide, repo, outbox, clock, cohortId } = await setup();
    const enrollmentId = enrollmentOf(repo, cohortId, 'intern-1').id;
    const extended = await decide('intern-1', 'EXTENDED');
    expect(extended).toMatchObject({ offerRecommendation: 'YES', offerStatus: 'EXTENDED', offerDecidedAt: ENDED });
    const later = new Date('2027-08-27T09:00:00Z');
    clock.current = later;
    await decide('intern-1', 'ACCEPTED');
    expect(enrollmentOf(repo, cohortId, 'intern-1')).toMatchObject({ offerStatus: 'ACCEPTED', offerDecidedAt: later });
    expect(outbox.dataOf(ReturnOfferDecidedV1)).toEqual([
      {
        enrollmentId,
        cohortId,
        internId: 'intern-1',
        status: 'EXTENDED',
        recommendation: 'YES',
        decidedAt: ENDED.toISOString(),
        decidedBy: 'pm-1',
      },
      {
        enrollmentId,
        cohortId,
        internId: 'intern-1',
        status: 'ACCEPTED',
        recommendation: 'YES',
        decidedAt: later.toISOString(),
        decidedBy: 'pm-1',
      },
    ]);
    expect(outbox.types()).toEqual([
      'mentorflow.cohorts.ReturnOfferDecided.v1',
      'mentorflow.cohorts.ReturnOfferDecided.v1',
    ]);
  });

  it('takes the same status again as a no-op: no event, decidedAt unchanged', async () => {
    const { decide, repo, outbox, clock, cohortId } = await setup();
    await decide('intern-1', 'EXTENDED');
    clock.current = new Date('2027-08-25T09:00:00Z');
    const again = await decide('intern-1', 'EXTENDED');
    expect(again.offerDecidedAt).toEqual(ENDED);
    expect(enrollmentOf(repo, cohortId, 'intern-1').offerDecidedAt).toEqual(ENDED);
    expect(outbox.dataOf(ReturnOfferDecidedV1)).toHaveLength(1);
  });

  it('refuses other orders (CONFLICT), changing nothing', async () => {
    const { decide, repo, outbox, cohortId } = await setup();
    for (const status of ['ACCEPTED', 'DECLINED']) {
      await expect(decide('intern-1', status)).rejects.toThrow(
        'no return offer was extended to intern intern-1: record EXTENDED first',
      );
    }
    await decide('intern-1', 'EXTENDED');
    await decide('intern-1', 'DECLINED');
    outbox.events = [];
    for (const status of ['EXTENDED', 'ACCEPTED']) {
      const err = await decide('intern-1', status).catch((e) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect(err.message).toBe(`the return offer of intern intern-1 is already DECLINED: it cannot become ${status}`);
    }
    expect(enrollmentOf(repo, cohortId, 'intern-1').offerStatus).toBe('DECLINED');
    expect(outbox.events).toEqual([]);
  });

  it('offers only an intern who completed with PASS (CONFLICT otherwise)', async () => {
    const { decide, repo, outbox, cohortId } = await setup();
    await expect(decide('intern-2', 'EXTENDED')).rejects.toThrow(
      'the enrollment of intern intern-2 is COMPLETED with outcome FAIL: only an intern who completed with PASS can be offered',
    );
    await expect(decide('intern-3', 'EXTENDED')).rejects.toThrow(
      'the enrollment of intern intern-3 is ACTIVE: only an intern who completed with PASS can be offered',
    );
    expect(enrollmentOf(repo, cohortId, 'intern-2').offerStatus).toBeNull();
    expect(enrollmentOf(repo, cohortId, 'intern-3').offerStatus).toBeNull();
    expect(outbox.events).toEqual([]);
  });

  it('refuses bad input naming every field before any transaction', async () => {
    const { handler, dataSource, outbox, cohortId } = await setup();
    expect(await refusedFields(handler.execute(new RecordOfferDecisionCommand(' ', '', 'MAYBE', PM)))).toEqual([
      'cohortId',
      'internId',
      'status',
    ]);
    expect(
      await refusedFields(handler.execute(new RecordOfferDecisionCommand(cohortId, 'intern-1', 'extended', PM))),
    ).toEqual(['status']);
    expect(dataSource.transactions).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown enrollment as not found', async () => {
    const { decide } = await setup();
    await expect(decide('stranger', 'EXTENDED')).rejects.toBeInstanceOf(NotFoundError);
  });
});
