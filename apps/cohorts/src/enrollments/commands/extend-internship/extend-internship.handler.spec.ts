import { describe, expect, it, jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import { FAKE_TX, refusedFields } from '#testing';
import type { CohortSnapshot } from '../../../cohorts/domain/cohort.js';
import { EnrollmentStatus } from '../../domain/enrollment.js';
import { ClockEventKind, extendedWeekEvents } from '../../../program-clock/domain/program-clock.js';
import {
  enrollmentOf,
  openedSlot,
  patchEnrollment,
  PM,
  repositoryFakes,
  scheduledCohort,
  startCohort,
  type RepositoryFakes,
  bookingCancelled,
} from '../../../shared/commands/testing/repository-fakes.js';

/**
 * The extension's clock weeks are written with raw SQL on the transaction (persistence/clock-events),
 * not through a repository: stand in for it with the same rule on the cohort fake's clock events.
 */
let current: RepositoryFakes;
jest.unstable_mockModule('../../../program-clock/persistence/clock-events.js', () => ({
  scheduleExtendedWeeks: async (tx: EntityManager, cohort: CohortSnapshot, extensionWeeks: number) => {
    if (tx !== FAKE_TX) throw new Error('scheduleExtendedWeeks called outside the command transaction');
    const events = current.repo.clockEvents.get(cohort.id) ?? [];
    const have = new Set(events.filter((e) => e.kind === ClockEventKind.EXTENDED_WEEK_STARTED).map((e) => e.week));
    let seq = Math.max(0, ...events.map((e) => e.seq));
    const added = extendedWeekEvents(cohort.startDate, cohort.weeks, cohort.timezone, extensionWeeks)
      .filter((w) => !have.has(w.week))
      .map((w) => ({
        seq: ++seq,
        kind: ClockEventKind.EXTENDED_WEEK_STARTED,
        week: w.week,
        phase: null,
        previousPhase: null,
        dueAt: w.dueAt,
      }));
    current.repo.clockEvents.set(cohort.id, [...events, ...added]);
    return added.length;
  },
  lastClockWeek: async () => {
    throw new Error('not used by ExtendInternshipHandler');
  },
}));
const { ExtendInternshipCommand } = await import('./extend-internship.command.js');
const { ExtendInternshipHandler } = await import('./extend-internship.handler.js');

const NOW = new Date('2027-06-30T10:00:00Z'); // Wednesday of week 4 (Europe/Berlin)
const SLOT = '00000000-0000-4000-8000-00000000a001';

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  current = f;
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2']);
  startCohort(f, cohortId, 4, NOW);
  const handler = f.build(ExtendInternshipHandler);
  return { ...f, handler, cohortId, enrollmentId: enrollmentOf(f.repo, cohortId, 'intern-1').id };
}

const extendedWeeks = (f: RepositoryFakes, cohortId: string) =>
  f.repo.clockEvents
    .get(cohortId)!
    .filter((e) => e.kind === ClockEventKind.EXTENDED_WEEK_STARTED)
    .map((e) => e.week);

describe('ExtendInternshipHandler', () => {
  it("stores the grant, extends the intern's own program and appends InternshipExtended.v1 with the new dates", async () => {
    const f = await setup();
    const { handler, repo, enrollments, outbox, dataSource, cohortId, enrollmentId } = f;
    const extended = await handler.execute(new ExtendInternshipCommand(cohortId, 'intern-1', 2, ' sick leave ', PM));
    expect(extended).toMatchObject({ id: enrollmentId, status: 'ONBOARDING', extensionWeeks: 2 });
    expect(enrollmentOf(repo, cohortId, 'intern-1').extensionWeeks).toBe(2);
    expect(enrollmentOf(repo, cohortId, 'intern-2').extensionWeeks).toBe(0);
    expect(enrollments.extensions).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        enrollmentId,
        weeks: 2,
        afterWeek: 4,
        reason: 'sick leave',
        source: 'PROGRAM_MANAGER',
        sourceRef: null,
        grantedBy: 'pm-1',
        grantedAt: NOW,
      },
    ]);
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(enrollments.lockedKeys).toEqual([`${cohortId}/intern-1`]);
    expect(extendedWeeks(f, cohortId)).toEqual([13, 14, 15]); // the clock runs on past the cohort's 12 weeks
    expect(repo.clockEvents.get(cohortId)).toHaveLength(21 + 3);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.InternshipExtended.v1',
        subject: cohortId,
        data: {
          enrollmentId,
          cohortId,
          internId: 'intern-1',
          weeks: 2,
          totalExtensionWeeks: 2,
          programWeeks: 14,
          newEndDate: '2027-09-12',
          reason: 'sick leave',
          source: 'PROGRAM_MANAGER',
          extendedAfterWeek: 4,
          presentationsWeek: { startsOn: '2027-09-06', endsOn: '2027-09-12' },
          finalEvaluationsDue: '2027-09-12',
        },
      },
    ]);
  });

  it('cancels a booking left outside the moved presentations week, in the same transaction', async () => {
    const { handler, slots, outbox, cohortId } = await setup();
    const startsAt = new Date('2027-08-24T12:00:00Z'); // the cohort's week 12
    slots.seed(openedSlot(cohortId, { id: SLOT, startsAt, bookedBy: 'intern-1', bookedAt: NOW }));
    await handler.execute(new ExtendInternshipCommand(cohortId, 'intern-1', 1, 'late start', PM));
    expect(slots.slots.get(SLOT)).toMatchObject({ bookedBy: null, bookedAt: null });
    expect(outbox.types()).toEqual([
      'mentorflow.cohorts.InternshipExtended.v1',
      'mentorflow.cohorts.PresentationBookingCancelled.v1',
    ]);
    expect(outbox.events[1]).toEqual(bookingCancelled(SLOT, cohortId));
  });

  it('refuses a missing cohort or intern id naming the field, before any transaction', async () => {
    const { handler, enrollments, outbox, dataSource, cohortId } = await setup();
    for (const [command, field] of [
      [new ExtendInternshipCommand('', 'intern-1', 2, 'r', PM), 'cohortId'],
      [new ExtendInternshipCommand(cohortId, '  ', 2, 'r', PM), 'internId'],
    ] as const) {
      expect(await refusedFields(handler.execute(command))).toEqual([field]);
    }
    expect(dataSource.transactions).toBe(0);
    expect(enrollments.extensions).toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it('refuses bad weeks and reason together before any transaction or lock, even for an unknown cohort', async () => {
    const { handler, repo, enrollments, outbox, dataSource, cohortId } = await setup();
    expect(await refusedFields(handler.execute(new ExtendInternshipCommand(cohortId, 'intern-1', 0, ' ', PM)))).toEqual(
      ['weeks', 'reason'],
    );
    for (const [command, field] of [
      [new ExtendInternshipCommand(cohortId, 'intern-1', 6, 'r', PM), 'weeks'],
      [new ExtendInternshipCommand(cohortId, 'intern-1', 1.5, 'r', PM), 'weeks'],
      [new ExtendInternshipCommand(cohortId, 'intern-1', 1, 'x'.repeat(1001), PM), 'reason'],
      [new ExtendInternshipCommand('00000000-0000-4000-8000-00000000dead', 'intern-1', 1, ' ', PM), 'reason'],
    ] as const) {
      expect(await refusedFields(handler.execute(command))).toEqual([field]);
    }
    expect(dataSource.transactions).toBe(0);
    expect(repo.lockedIds).toEqual([]);
    expect(enrollments.lockedKeys).toEqual([]);
    expect(enrollments.extensions).toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it('refuses more than 5 weeks in total (the stored extensions), writing nothing', async () => {
    const f = await setup();
    const { handler, repo, enrollments, outbox, cohortId } = f;
    await handler.execute(new ExtendInternshipCommand(cohortId, 'intern-1', 3, 'first', PM));
    outbox.events = [];
    const over = await handler
      .execute(new ExtendInternshipCommand(cohortId, 'intern-1', 3, 'more', PM))
      .catch((e) => e);
    expect(over).toBeInstanceOf(ValidationError);
    expect((over as ValidationError).violations).toEqual([
      {
        field: 'weeks',
        message: 'would extend the internship by 6 weeks in total; at most 5 (already extended by 3)',
      },
    ]);
    expect(enrollmentOf(repo, cohortId, 'intern-1').extensionWeeks).toBe(3);
    expect(enrollments.extensions.map((x) => x.weeks)).toEqual([3]);
    expect(extendedWeeks(f, cohortId)).toEqual([13, 14, 15, 16]);
    expect(outbox.events).toEqual([]);
  });

  it('refuses an intern no longer in the program, and an internship that has ended, changing nothing', async () => {
    const f = await setup();
    const { handler, repo, enrollments, outbox, clock, cohortId } = f;
    patchEnrollment(repo, cohortId, 'intern-2', { status: EnrollmentStatus.WITHDRAWN });
    await expect(handler.execute(new ExtendInternshipCommand(cohortId, 'intern-2', 1, 'r', PM))).rejects.toBeInstanceOf(
      ConflictError,
    );
    clock.current = new Date('2027-08-29T22:00:00Z'); // midnight after week 12, Europe/Berlin
    await expect(handler.execute(new ExtendInternshipCommand(cohortId, 'intern-1', 1, 'r', PM))).rejects.toThrow(
      'the internship of intern-1 ended on 2027-08-29: it can no longer be extended',
    );
    expect(repo.enrollments.map((e) => e.extensionWeeks)).toEqual([0, 0]);
    expect(enrollments.extensions).toEqual([]);
    expect(extendedWeeks(f, cohortId)).toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown cohort or enrollment as not found', async () => {
    const { handler, cohortId } = await setup();
    await expect(
      handler.execute(new ExtendInternshipCommand('00000000-0000-4000-8000-00000000dead', 'intern-1', 1, 'r', PM)),
    ).rejects.toThrow('Cohort 00000000-0000-4000-8000-00000000dead was not found');
    await expect(handler.execute(new ExtendInternshipCommand(cohortId, 'stranger', 1, 'r', PM))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
