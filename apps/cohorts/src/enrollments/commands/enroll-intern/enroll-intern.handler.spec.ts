import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import { DegreeLevel, type EnrollInternProps } from '../../domain/enrollment.js';
import { repositoryFakes, scheduledCohort } from '../../../shared/commands/testing/repository-fakes.js';
import { EnrollInternCommand } from './enroll-intern.command.js';
import { EnrollInternHandler } from './enroll-intern.handler.js';

const PM = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };
const intern = (internId: string, over: Partial<EnrollInternProps> = {}): EnrollInternProps => ({
  internId,
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  university: 'UCL',
  degreeLevel: DegreeLevel.PHD,
  focusAreas: ['compilers'],
  timezone: 'Europe/London',
  ...over,
});

async function setup(capacity = 2) {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, [], { timezone: 'Europe/London', location: 'London', capacity });
  return { ...f, handler: f.build(EnrollInternHandler), cohortId };
}

describe('EnrollInternHandler', () => {
  it('locks the cohort, stores the enrollment, counts the place and appends InternEnrolled.v1 keyed by the cohort', async () => {
    const { handler, repo, outbox, cohortId } = await setup();
    const enrollment = await handler.execute(new EnrollInternCommand(cohortId, intern('intern-1'), PM));
    expect(enrollment).toMatchObject({ cohortId, internId: 'intern-1', status: 'ENROLLED' });
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(repo.cohorts.get(cohortId)?.enrolledCount).toBe(1);
    expect(repo.enrollments).toHaveLength(1);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.InternEnrolled.v1',
        subject: cohortId,
        data: {
          enrollmentId: enrollment.id,
          cohortId,
          internId: 'intern-1',
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          university: 'UCL',
          degreeLevel: 'PHD',
          focusAreas: ['compilers'],
          timezone: 'Europe/London',
        },
      },
    ]);
  });

  it('refuses over capacity with CONFLICT and writes nothing', async () => {
    const { handler, repo, outbox, cohortId } = await setup(1);
    await handler.execute(new EnrollInternCommand(cohortId, intern('intern-1'), PM));
    const err = await handler.execute(new EnrollInternCommand(cohortId, intern('intern-2'), PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('cohort is full (capacity 1)');
    expect(repo.enrollments.map((e) => e.internId)).toEqual(['intern-1']);
    expect(repo.cohorts.get(cohortId)?.enrolledCount).toBe(1);
    expect(outbox.events).toHaveLength(1);
  });

  it('refuses a second enrollment of one intern', async () => {
    const { handler, outbox, cohortId } = await setup();
    await handler.execute(new EnrollInternCommand(cohortId, intern('intern-1'), PM));
    await expect(handler.execute(new EnrollInternCommand(cohortId, intern('intern-1'), PM))).rejects.toThrow(
      /already enrolled/,
    );
    expect(outbox.events).toHaveLength(1);
  });

  it('refuses bad input before opening a transaction', async () => {
    const { handler, dataSource, cohortId } = await setup();
    const err = await handler
      .execute(new EnrollInternCommand(cohortId, intern('intern-1', { email: 'nope', timezone: 'Moon/Base' }), PM))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations.map((v) => v.field)).toEqual(['email', 'timezone']);
    expect(dataSource.transactions).toBe(0);
  });

  it('reports an unknown cohort as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new EnrollInternCommand('00000000-0000-4000-8000-00000000dead', intern('i'), PM)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
