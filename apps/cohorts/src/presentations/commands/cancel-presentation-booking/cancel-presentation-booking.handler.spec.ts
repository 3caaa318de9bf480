import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, ForbiddenError, NotFoundError } from '#ddd';
import {
  asIntern,
  openedSlot,
  PM,
  repositoryFakes,
  scheduledCohort,
  startCohort,
  bookingCancelled,
} from '../../../shared/commands/testing/repository-fakes.js';
import { CancelPresentationBookingCommand } from './cancel-presentation-booking.command.js';
import { CancelPresentationBookingHandler } from './cancel-presentation-booking.handler.js';

const SLOT = '00000000-0000-4000-8000-00000000a001';
const FREE_SLOT = '00000000-0000-4000-8000-00000000a002';
const SLOT_STARTS = new Date('2027-08-24T12:00:00Z'); // 14:00 CEST in week 12, the presentations week
const BOOKED_AT = new Date('2027-08-09T09:00:00Z');
const NOW = new Date('2027-08-10T09:00:00Z'); // week 10

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2']);
  startCohort(f, cohortId, 10, NOW);
  f.slots.seed(openedSlot(cohortId, { id: SLOT, startsAt: SLOT_STARTS, bookedBy: 'intern-1', bookedAt: BOOKED_AT }));
  f.slots.seed(openedSlot(cohortId, { id: FREE_SLOT, startsAt: new Date('2027-08-24T13:00:00Z') }));
  const handler = f.build(CancelPresentationBookingHandler);
  return { ...f, handler, cohortId };
}

const cancelled = (cohortId: string, internId?: string) => bookingCancelled(SLOT, cohortId, internId);

describe('CancelPresentationBookingHandler', () => {
  it("frees the caller's own booking, locking their enrollment, and appends PresentationBookingCancelled.v1", async () => {
    const { handler, slots, enrollments, outbox, dataSource, cohortId } = await setup();
    const slot = await handler.execute(new CancelPresentationBookingCommand(SLOT, asIntern('intern-1')));
    expect(slot).toMatchObject({ id: SLOT, bookedBy: null, bookedAt: null });
    expect(slots.slots.get(SLOT)).toMatchObject({ bookedBy: null, bookedAt: null });
    expect(enrollments.lockedKeys).toEqual([`${cohortId}/intern-1`]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([cancelled(cohortId)]);
  });

  it("lets a program manager cancel an intern's booking", async () => {
    const { handler, slots, outbox, cohortId } = await setup();
    await handler.execute(new CancelPresentationBookingCommand(SLOT, PM));
    expect(slots.slots.get(SLOT)?.bookedBy).toBeNull();
    expect(outbox.events).toEqual([cancelled(cohortId)]);
  });

  it('refuses a missing slot id naming the field, before any transaction', async () => {
    const { handler, slots, outbox, dataSource } = await setup();
    expect(
      await refusedFields(handler.execute(new CancelPresentationBookingCommand('', asIntern('intern-1')))),
    ).toEqual(['slotId']);
    expect(dataSource.transactions).toBe(0);
    expect(slots.slots.get(SLOT)?.bookedBy).toBe('intern-1');
    expect(outbox.events).toEqual([]);
  });

  it("forbids cancelling another intern's booking and keeps it", async () => {
    const { handler, slots, outbox } = await setup();
    const err = await handler.execute(new CancelPresentationBookingCommand(SLOT, asIntern('intern-2'))).catch((e) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.message).toBe('you can cancel only your own booking');
    expect(slots.slots.get(SLOT)).toMatchObject({ bookedBy: 'intern-1', bookedAt: BOOKED_AT });
    expect(outbox.events).toEqual([]);
  });

  it('refuses once the slot has started (at the cohort program time), even for a program manager', async () => {
    const { handler, repo, slots, outbox, cohortId } = await setup();
    // The cohort was advanced in sandbox mode past the slot's start; the wall clock is still in week 10.
    repo.cohorts.set(cohortId, { ...repo.cohorts.get(cohortId)!, clockAt: SLOT_STARTS });
    await expect(handler.execute(new CancelPresentationBookingCommand(SLOT, PM))).rejects.toThrow(
      'the slot started at 2027-08-24T12:00:00.000Z: its booking can no longer be cancelled',
    );
    expect(slots.slots.get(SLOT)?.bookedBy).toBe('intern-1');
    expect(outbox.events).toEqual([]);
  });

  it('refuses a slot nobody booked', async () => {
    const { handler, slots, outbox } = await setup();
    const err = await handler.execute(new CancelPresentationBookingCommand(FREE_SLOT, PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('the slot is not booked');
    expect(slots.slots.get(FREE_SLOT)?.bookedBy).toBeNull();
    expect(outbox.events).toEqual([]);
  });

  it('is a CONFLICT when the booking changed between the read and the release, and writes nothing', async () => {
    const { handler, slots, outbox, cohortId } = await setup();
    // The intern's own cancellation and a rebooking by intern-2 commit meanwhile.
    slots.concurrent.push(
      openedSlot(cohortId, { id: SLOT, startsAt: SLOT_STARTS, bookedBy: 'intern-2', bookedAt: NOW }),
    );
    const err = await handler.execute(new CancelPresentationBookingCommand(SLOT, PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('the booking changed meanwhile: try again');
    expect(slots.slots.get(SLOT)?.bookedBy).toBe('intern-2');
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown slot as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new CancelPresentationBookingCommand('00000000-0000-4000-8000-00000000dead', PM)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
