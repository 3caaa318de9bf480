import { describe, expect, it } from '@jest/globals';
import { InternErasedV1 } from '#contracts';
import { CohortStatus } from '../../cohorts/domain/cohort.js';
import { enrollmentOf, repositoryFakes, scheduledCohort } from '../../shared/commands/testing/repository-fakes.js';
import { ErasureTrigger, retentionReason, RETENTION_POLICY_ACTOR } from '../domain/intern-erasure.js';
import { InternEraser } from './intern-eraser.js';

const AT_RETENTION = new Date('2029-08-29T22:00:00Z'); // the summer cohort's end + 24 months

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const old = await scheduledCohort(f, ['r-1', 'r-2', 'r-3']);
  const later = await scheduledCohort(f, ['r-2'], { name: 'Spring 2029', startDate: '2029-04-02' });
  const cancelled = await scheduledCohort(f, ['r-3'], { name: 'Cancelled 2029', startDate: '2029-10-01' });
  const status = (id: string, s: CohortStatus) => f.repo.cohorts.set(id, { ...f.repo.cohorts.get(id)!, status: s });
  status(old, CohortStatus.COMPLETED);
  status(later, CohortStatus.IN_PROGRESS);
  status(cancelled, CohortStatus.CANCELLED);
  const eraser = f.build(InternEraser);
  const retention = () =>
    f.uow.run(({ tx }) =>
      eraser.eraseCohortInterns(tx, old, {
        months: 24,
        reason: retentionReason(24),
        erasedBy: RETENTION_POLICY_ACTOR,
        now: AT_RETENTION,
      }),
    );
  return { ...f, old, later, cancelled, retention };
}

describe('InternEraser.eraseCohortInterns (the retention policy)', () => {
  it("erases the cohort's interns as eraseIntern does, except one whose later cohort still needs the data", async () => {
    const { retention, repo, personalData, keys, outbox, old, cancelled } = await setup();
    expect(await retention()).toEqual(['r-1', 'r-3']);

    expect(enrollmentOf(repo, old, 'r-1')).toMatchObject({ name: 'Erased intern', university: '' });
    expect(enrollmentOf(repo, cancelled, 'r-3')).toMatchObject({ name: 'Erased intern' }); // a cancelled cohort needs nothing
    expect(enrollmentOf(repo, old, 'r-2')).toMatchObject({ name: 'Intern r-2', email: 'r-2@example.com' });
    expect(personalData.records.map((r) => [r.subjectId, r.trigger, r.erasedBy, r.reason])).toEqual([
      ['r-1', 'RETENTION_POLICY', 'retention-policy', 'retention policy: cohort completed more than 24 months ago'],
      ['r-3', 'RETENTION_POLICY', 'retention-policy', 'retention policy: cohort completed more than 24 months ago'],
    ]);
    expect(keys.erased).toEqual(['r-1', 'r-3']);
    expect(outbox.dataOf(InternErasedV1)).toEqual([
      { internId: 'r-1', cohortIds: [old], erasedAt: AT_RETENTION.toISOString(), trigger: 'RETENTION_POLICY' },
      {
        internId: 'r-3',
        cohortIds: [old, cancelled],
        erasedAt: AT_RETENTION.toISOString(),
        trigger: 'RETENTION_POLICY',
      },
    ]);
  });

  it('erases nobody twice when it runs again', async () => {
    const { retention, outbox, personalData } = await setup();
    await retention();
    expect(await retention()).toEqual([]);
    expect(outbox.events).toHaveLength(2);
    expect(personalData.records).toHaveLength(2);
  });

  it('skips an intern erased on request before', async () => {
    const { retention, personalData } = await setup();
    personalData.records = [
      {
        person: 'INTERN',
        subjectId: 'r-1',
        reason: 'asked',
        erasedBy: 'pm-1',
        erasedAt: new Date('2028-01-01T00:00:00Z'),
        trigger: ErasureTrigger.REQUEST,
      },
    ];
    expect(await retention()).toEqual(['r-3']);
  });
});
