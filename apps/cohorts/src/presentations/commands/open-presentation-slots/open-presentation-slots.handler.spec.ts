import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import type { PresentationSlotInput } from '../../domain/presentation-slot.js';
import { CancelCohortCommand } from '../../../cohorts/commands/cancel-cohort/cancel-cohort.command.js';
import { CancelCohortHandler } from '../../../cohorts/commands/cancel-cohort/cancel-cohort.handler.js';
import {
  enrollmentOf,
  grantedExtension,
  openedSlot,
  patchEnrollment,
  PM,
  repositoryFakes,
  scheduledCohort,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { OpenPresentationSlotsCommand } from './open-presentation-slots.command.js';
import { OpenPresentationSlotsHandler } from './open-presentation-slots.handler.js';

const NOW = new Date('2027-08-10T09:00:00Z'); // week 10; week 12 (presentations) is 2027-08-23 to 29, Europe/Berlin
const slot = (startsAt: string, panelMentorIds = ['mentor-1'], durationMinutes = 30): PresentationSlotInput => ({
  startsAt,
  durationMinutes,
  panelMentorIds,
});

async function setup({ started = true } = {}) {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1']);
  if (started) startCohort(f, cohortId, 10, NOW);
  f.mentors.mentorIds = new Set(['mentor-1', 'mentor-2', 'mentor-3']);
  const handler = f.build(OpenPresentationSlotsHandler);
  return { ...f, handler, cohortId };
}

describe('OpenPresentationSlotsHandler', () => {
  it('stores the slots under the cohort lock and appends one PresentationSlotOpened.v1 each, keyed by the cohort', async () => {
    const { handler, repo, slots, outbox, dataSource, cohortId } = await setup();
    const opened = await handler.execute(
      new OpenPresentationSlotsCommand(
        cohortId,
        [slot('2027-08-24T14:00:00+02:00', [' mentor-1 ', 'mentor-2'], 45), slot('2027-08-24T15:00:00+02:00')],
        PM,
      ),
    );
    expect(opened).toHaveLength(2);
    const [a, b] = opened;
    expect(a).toMatchObject({
      cohortId,
      startsAt: new Date('2027-08-24T12:00:00Z'),
      durationMinutes: 45,
      panelMentorIds: ['mentor-1', 'mentor-2'],
      bookedBy: null,
      openedBy: 'pm-1',
      openedAt: NOW,
    });
    expect([...slots.slots.values()]).toEqual(opened);
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.PresentationSlotOpened.v1',
        subject: cohortId,
        data: {
          slotId: a!.id,
          cohortId,
          startsAt: '2027-08-24T12:00:00.000Z',
          durationMinutes: 45,
          panelMentorIds: ['mentor-1', 'mentor-2'],
        },
      },
      {
        type: 'mentorflow.cohorts.PresentationSlotOpened.v1',
        subject: cohortId,
        data: {
          slotId: b!.id,
          cohortId,
          startsAt: '2027-08-24T13:00:00.000Z',
          durationMinutes: 30,
          panelMentorIds: ['mentor-1'],
        },
      },
    ]);
  });

  it("accepts a slot in an extended intern's presentations week only while that intern is extended", async () => {
    const { handler, repo, enrollments, slots, outbox, cohortId } = await setup();
    const late = [slot('2027-09-07T14:00:00+02:00')]; // week 14
    const refused = await handler.execute(new OpenPresentationSlotsCommand(cohortId, late, PM)).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).violations).toEqual([
      {
        field: 'slots[0].startsAt',
        message: 'the slot must fall within a presentations week: 2027-08-23 to 2027-08-29 (Europe/Berlin)',
      },
    ]);
    const { id } = enrollmentOf(repo, cohortId, 'intern-1');
    patchEnrollment(repo, cohortId, 'intern-1', { extensionWeeks: 2 });
    enrollments.extensions = [grantedExtension(id, 2, 4)];
    const [opened] = await handler.execute(new OpenPresentationSlotsCommand(cohortId, late, PM));
    expect(slots.slots.get(opened!.id)?.startsAt).toEqual(new Date('2027-09-07T12:00:00Z'));
    expect(outbox.types()).toEqual(['mentorflow.cohorts.PresentationSlotOpened.v1']);
  });

  it('refuses a missing cohort id naming the field, before any transaction', async () => {
    const { handler, slots, outbox, dataSource } = await setup();
    const err = await handler
      .execute(new OpenPresentationSlotsCommand(' ', [slot('2027-08-24T14:00:00+02:00')], PM))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations.map((v) => v.field)).toEqual(['cohortId']);
    expect(dataSource.transactions).toBe(0);
    expect(slots.slots.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses the whole batch when one slot is bad input, naming every offending field, before any transaction or lock', async () => {
    const { handler, repo, slots, outbox, dataSource, cohortId } = await setup();
    const batch = [
      slot('2027-08-24T14:00:00+02:00'),
      slot('2027-08-24 15:00', ['ghost', 'mentor-2', 'mentor-2'], 5),
      slot('2027-08-24T14:15:00+02:00', ['mentor-3', 'mentor-1']),
    ];
    // The same for an unknown cohort: bad input, not NOT_FOUND.
    for (const id of [cohortId, '00000000-0000-4000-8000-00000000dead']) {
      expect(await refusedFields(handler.execute(new OpenPresentationSlotsCommand(id, batch, PM)))).toEqual([
        'slots[1].startsAt',
        'slots[1].durationMinutes',
        'slots[1].panelMentorIds[2]',
      ]);
    }
    const empty = await handler.execute(new OpenPresentationSlotsCommand(cohortId, [], PM)).catch((e) => e);
    expect((empty as ValidationError).violations.map((v) => v.field)).toEqual(['slots']);
    expect(dataSource.transactions).toBe(0);
    expect(repo.lockedIds).toEqual([]);
    expect(slots.slots.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses the whole batch when a slot breaks a rule of the stored state, naming every offending field, and stores none', async () => {
    const { handler, slots, outbox, cohortId } = await setup();
    const err = await handler
      .execute(
        new OpenPresentationSlotsCommand(
          cohortId,
          [
            slot('2027-08-24T14:00:00+02:00'),
            slot('2027-08-24T15:00:00+02:00', ['ghost', 'mentor-2']),
            slot('2027-08-24T14:15:00+02:00', ['mentor-3', 'mentor-1']),
          ],
          PM,
        ),
      )
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations).toEqual([
      { field: 'slots[1].panelMentorIds[0]', message: 'ghost is not a registered mentor' },
      { field: 'slots[2].startsAt', message: 'overlaps slots[0]: panel mentor mentor-1 cannot sit on both' },
    ]);
    expect(slots.slots.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a slot whose panel mentor already sits on an overlapping slot of the cohort', async () => {
    const { handler, slots, outbox, cohortId } = await setup();
    const existing = openedSlot(cohortId, {
      id: '00000000-0000-4000-8000-00000000a001',
      startsAt: new Date('2027-08-24T12:00:00Z'),
      panelMentorIds: ['mentor-2'],
    });
    slots.seed(existing);
    const err = await handler
      .execute(new OpenPresentationSlotsCommand(cohortId, [slot('2027-08-24T14:20:00+02:00', ['mentor-2'])], PM))
      .catch((e) => e);
    expect((err as ValidationError).violations).toEqual([
      {
        field: 'slots[0].startsAt',
        message: 'overlaps the slot at 2027-08-24T12:00:00.000Z: panel mentor mentor-2 cannot sit on both',
      },
    ]);
    expect([...slots.slots.values()]).toEqual([existing]);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a cancelled cohort with CONFLICT and stores nothing', async () => {
    const { handler, slots, outbox, build, cohortId } = await setup({ started: false });
    await build(CancelCohortHandler).execute(new CancelCohortCommand(cohortId, 'no budget', PM));
    outbox.events = [];
    const err = await handler
      .execute(new OpenPresentationSlotsCommand(cohortId, [slot('2027-08-24T14:00:00+02:00')], PM))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(`cohort ${cohortId} is CANCELLED: it takes no presentation slots`);
    expect(slots.slots.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown cohort as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(
        new OpenPresentationSlotsCommand(
          '00000000-0000-4000-8000-00000000dead',
          [slot('2027-08-24T14:00:00+02:00')],
          PM,
        ),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
