import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError } from '#ddd';
import { InternErasedV1 } from '#contracts';
import { refusedFields } from '#testing';
import { CohortStatus } from '../../../cohorts/domain/cohort.js';
import { EnrollmentStatus, OfferStatus } from '../../../enrollments/domain/enrollment.js';
import {
  enrollmentOf,
  grantedExtension,
  internProps,
  patchEnrollment,
  PM,
  repositoryFakes,
  scheduledCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { EnrollInternCommand } from '../../../enrollments/commands/enroll-intern/enroll-intern.command.js';
import { EnrollInternHandler } from '../../../enrollments/commands/enroll-intern/enroll-intern.handler.js';
import { EraseInternCommand } from './erase-intern.command.js';
import { EraseInternHandler } from './erase-intern.handler.js';

const NOW = new Date('2029-03-01T09:30:00Z');
const ERASED = { name: 'Erased intern', email: 'erased-intern-1@erased.invalid', university: '' };

/** intern-1 in two cohorts (the first completed with PASS and an accepted offer), intern-2 beside them. */
async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const first = await scheduledCohort(f, ['intern-1', 'intern-2']);
  const second = await scheduledCohort(f, ['intern-1'], { name: 'Winter 2028', startDate: '2028-01-10' });
  f.repo.cohorts.set(first, { ...f.repo.cohorts.get(first)!, status: CohortStatus.COMPLETED, currentWeek: 13 });
  const done = patchEnrollment(f.repo, first, 'intern-1', {
    status: EnrollmentStatus.COMPLETED,
    outcome: 'PASS',
    offerRecommendation: 'YES',
    offerStatus: OfferStatus.ACCEPTED,
    endedAt: new Date('2027-08-30T10:00:00Z'),
  });
  patchEnrollment(f.repo, second, 'intern-1', {
    status: EnrollmentStatus.WITHDRAWN,
    endReason: 'Intern intern-1 (intern-1@example.com) moved abroad',
  });
  f.enrollments.extensions = [{ ...grantedExtension(done.id, 1, 6), reason: 'INTERN INTERN-1 was ill for a week' }];
  f.clock.current = NOW;
  return { ...f, first, second, handler: f.build(EraseInternHandler) };
}

describe('EraseInternHandler', () => {
  it('erases the name, e-mail and university in every enrollment, keeps status, outcome, offer and counts', async () => {
    const { handler, repo, first, second, enrollments } = await setup();
    const before = enrollmentOf(repo, first, 'intern-1');
    const counts = [repo.cohorts.get(first)!.enrolledCount, repo.cohorts.get(second)!.enrolledCount];

    await handler.execute(new EraseInternCommand('intern-1', 'GDPR request of 2029-02-27', PM));

    for (const cohortId of [first, second]) {
      expect(enrollmentOf(repo, cohortId, 'intern-1')).toMatchObject(ERASED);
    }
    const after = enrollmentOf(repo, first, 'intern-1');
    expect(after).toEqual({ ...before, ...ERASED });
    expect(after).toMatchObject({ status: 'COMPLETED', outcome: 'PASS', offerStatus: 'ACCEPTED' });
    expect([repo.cohorts.get(first)!.enrolledCount, repo.cohorts.get(second)!.enrolledCount]).toEqual(counts);
    // Free text about the intern's enrollments no longer names them.
    expect(enrollmentOf(repo, second, 'intern-1').endReason).toBe(
      'Erased intern (erased-intern-1@erased.invalid) moved abroad',
    );
    expect(enrollments.extensions[0]!.reason).toBe('Erased intern was ill for a week');
    // Nobody else is touched.
    expect(enrollmentOf(repo, first, 'intern-2')).toMatchObject({
      name: 'Intern intern-2',
      email: 'intern-2@example.com',
    });
  });

  it('records who, when and why, destroys the key and appends InternErased keyed by the intern, in one transaction', async () => {
    const { handler, personalData, keys, outbox, dataSource, first, second } = await setup();
    const result = await handler.execute(
      new EraseInternCommand(' intern-1 ', '  asked on 2029-02-27 by Intern intern-1  ', PM),
    );

    const record = {
      internId: 'intern-1',
      cohortIds: [first, second],
      reason: 'asked on 2029-02-27 by Erased intern',
      erasedBy: 'pm-1',
      erasedAt: NOW,
      trigger: 'REQUEST',
    };
    expect(result).toEqual(record);
    expect(personalData.records).toEqual([
      {
        person: 'INTERN',
        subjectId: 'intern-1',
        reason: record.reason,
        erasedBy: 'pm-1',
        erasedAt: NOW,
        trigger: 'REQUEST',
      },
    ]);
    expect(JSON.stringify(personalData.records)).not.toMatch(/intern-1@example\.com|Intern intern-1/);
    expect(personalData.lockedInterns).toEqual(['intern-1']);
    expect(keys.erased).toEqual(['intern-1']);
    expect(outbox.events.map((e) => [e.type, e.subject])).toEqual([['mentorflow.cohorts.InternErased.v1', 'intern-1']]);
    expect(outbox.dataOf(InternErasedV1)).toEqual([
      { internId: 'intern-1', cohortIds: [first, second], erasedAt: NOW.toISOString(), trigger: 'REQUEST' },
    ]);
    expect(dataSource.transactions).toBe(1);
  });

  it('refuses bad input naming each field, before any transaction', async () => {
    const { handler, dataSource } = await setup();
    expect(await refusedFields(handler.execute(new EraseInternCommand('', '   ', PM)))).toEqual(['internId', 'reason']);
    expect(await refusedFields(handler.execute(new EraseInternCommand('intern-1', 'x'.repeat(501), PM)))).toEqual([
      'reason',
    ]);
    expect(await refusedFields(handler.execute(new EraseInternCommand('i'.repeat(201), 'why', PM)))).toEqual([
      'internId',
    ]);
    expect(dataSource.transactions).toBe(0);
  });

  it('accepts a reason of exactly 500 characters', async () => {
    const { handler } = await setup();
    await expect(handler.execute(new EraseInternCommand('intern-1', 'x'.repeat(500), PM))).resolves.toMatchObject({
      internId: 'intern-1',
    });
  });

  it('reports an intern never enrolled as NOT_FOUND and writes nothing', async () => {
    const { handler, personalData, keys, outbox } = await setup();
    const err = await handler.execute(new EraseInternCommand('intern-404', 'asked', PM)).catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.message).toBe('Intern intern-404 was not found');
    expect(personalData.records).toEqual([]);
    expect(keys.erased).toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a second erasure with CONFLICT and changes nothing more', async () => {
    const { handler, personalData, outbox } = await setup();
    await handler.execute(new EraseInternCommand('intern-1', 'asked', PM));
    const err = await handler.execute(new EraseInternCommand('intern-1', 'asked again', PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(
      `intern intern-1 was already erased (${NOW.toISOString()}, REQUEST): there is nothing left to erase`,
    );
    expect(personalData.records).toHaveLength(1);
    expect(outbox.events).toHaveLength(1);
  });

  it("refuses with CONFLICT to enroll an erased intern's id again: personal data is never written for them", async () => {
    const f = await setup();
    await f.handler.execute(new EraseInternCommand('intern-1', 'asked', PM));
    const third = await scheduledCohort(f, [], { name: 'Summer 2029', startDate: '2029-06-04' });
    const err = await f
      .build(EnrollInternHandler)
      .execute(new EnrollInternCommand(third, internProps('intern-1'), PM))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toMatch(/intern intern-1 was erased: an erased person's id is not reused/);
    expect(f.repo.enrollments.filter((e) => e.cohortId === third)).toEqual([]);
    expect(f.repo.cohorts.get(third)!.enrolledCount).toBe(0);
    expect(f.outbox.events).toEqual([]);
  });
});
