import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError } from '#ddd';
import { CohortStatus } from '../../../cohorts/domain/cohort.js';
import {
  asIntern,
  bookingCancelled,
  openedSlot,
  PM,
  repositoryFakes,
  scheduledCohort,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { BookPresentationSlotCommand } from '../book-presentation-slot/book-presentation-slot.command.js';
import { BookPresentationSlotHandler } from '../book-presentation-slot/book-presentation-slot.handler.js';
import { ClosePresentationSlotCommand } from './close-presentation-slot.command.js';
import { ClosePresentationSlotHandler } from './close-presentation-slot.handler.js';

const SLOT = '00000000-0000-4000-8000-00000000a001';
const OTHER_SLOT = '00000000-0000-4000-8000-00000000a002';
// Week 12 (the presentations week) runs 2027-08-23 to 2027-08-29 in Europe/Berlin.
const SLOT_STARTS = new Date('2027-08-24T12:00:00Z');
const BOOKED_AT = new Date('2027-08-09T09:00:00Z');
const NOW = new Date('2027-08-10T09:00:00Z'); // week 10

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2']);
  startCohort(f, cohortId, 10, NOW);
  f.slots.seed(
    openedSlot(cohortId, {
      id: SLOT,
      startsAt: SLOT_STARTS,
      panelMentorIds: ['mentor-1', 'mentor-2'],
      bookedBy: 'intern-1',
      bookedAt: BOOKED_AT,
    }),
  );
  f.slots.seed(openedSlot(cohortId, { id: OTHER_SLOT, startsAt: new Date('2027-08-24T13:00:00Z') }));
  const handler = f.build(ClosePresentationSlotHandler);
  return { ...f, handler, cohortId };
}

const closed = (cohortId: string, bookedInternId: string | null, slotId = SLOT) => ({
  type: 'mentorflow.cohorts.PresentationSlotClosed.v1',
  subject: cohortId,
  data: {
    slotId,
    cohortId,
    startsAt: slotId === SLOT ? '2027-08-24T12:00:00.000Z' : '2027-08-24T13:00:00.000Z',
    reason: 'Panel unavailable',
    bookedInternId,
    panelMentorIds: slotId === SLOT ? ['mentor-1', 'mentor-2'] : ['mentor-1'],
    closedBy: 'pm-1',
  },
});

describe('ClosePresentationSlotHandler', () => {
  it("closes a booked slot, releasing the intern's booking (enrollment locked): BookingCancelled then SlotClosed", async () => {
    const { handler, slots, enrollments, outbox, dataSource, cohortId } = await setup();
    const slot = await handler.execute(new ClosePresentationSlotCommand(SLOT, ' Panel unavailable ', PM));
    expect(slot).toMatchObject({
      id: SLOT,
      bookedBy: null,
      bookedAt: null,
      closedAt: NOW,
      closedBy: 'pm-1',
      closeReason: 'Panel unavailable',
    });
    expect(slots.slots.get(SLOT)).toMatchObject({ bookedBy: null, closedAt: NOW, closeReason: 'Panel unavailable' });
    expect(enrollments.lockedKeys).toEqual([`${cohortId}/intern-1`]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([bookingCancelled(SLOT, cohortId), closed(cohortId, 'intern-1')]);
  });

  it('lets the released intern book another open slot, and nobody book the closed one', async () => {
    const { handler, build, slots, outbox, cohortId } = await setup();
    await handler.execute(new ClosePresentationSlotCommand(SLOT, 'Panel unavailable', PM));
    outbox.events = [];
    const book = build(BookPresentationSlotHandler);
    const again = await book.execute(new BookPresentationSlotCommand(SLOT, asIntern('intern-2'))).catch((e) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.message).toBe('the slot was closed: it can no longer be booked');
    await book.execute(new BookPresentationSlotCommand(OTHER_SLOT, asIntern('intern-1')));
    expect(slots.slots.get(OTHER_SLOT)?.bookedBy).toBe('intern-1');
    expect(slots.slots.get(SLOT)?.bookedBy).toBeNull();
    expect(outbox.events.map((e) => e.type)).toEqual(['mentorflow.cohorts.PresentationSlotBooked.v1']);
    expect(outbox.events[0]?.subject).toBe(cohortId);
  });

  it('closes a free slot with no intern named', async () => {
    const { handler, slots, enrollments, outbox, cohortId } = await setup();
    await handler.execute(new ClosePresentationSlotCommand(OTHER_SLOT, 'Panel unavailable', PM));
    expect(slots.slots.get(OTHER_SLOT)).toMatchObject({ closedAt: NOW, bookedBy: null });
    expect(enrollments.lockedKeys).toEqual([]);
    expect(outbox.events).toEqual([closed(cohortId, null, OTHER_SLOT)]);
  });

  it('refuses closing a closed slot with CONFLICT, changing nothing', async () => {
    const { handler, slots, outbox } = await setup();
    await handler.execute(new ClosePresentationSlotCommand(OTHER_SLOT, 'Panel unavailable', PM));
    const err = await handler.execute(new ClosePresentationSlotCommand(OTHER_SLOT, 'again', PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('the slot is already closed');
    expect(slots.slots.get(OTHER_SLOT)?.closeReason).toBe('Panel unavailable');
    expect(outbox.events).toHaveLength(1);
  });

  it('refuses a slot that has started (at the program time) with CONFLICT', async () => {
    const { handler, repo, slots, outbox, cohortId } = await setup();
    repo.cohorts.set(cohortId, { ...repo.cohorts.get(cohortId)!, clockAt: SLOT_STARTS });
    await expect(handler.execute(new ClosePresentationSlotCommand(SLOT, 'late', PM))).rejects.toThrow(
      'the slot started at 2027-08-24T12:00:00.000Z: it can no longer be closed',
    );
    expect(slots.slots.get(SLOT)).toMatchObject({ bookedBy: 'intern-1', closedAt: null });
    expect(outbox.events).toEqual([]);
  });

  it('refuses when a booking of the slot changed meanwhile (a race), storing nothing', async () => {
    const { handler, slots, outbox } = await setup();
    // Another transaction frees the slot between the read and the conditional update.
    slots.concurrent.push({ ...slots.slots.get(SLOT)!, bookedBy: null, bookedAt: null });
    await expect(handler.execute(new ClosePresentationSlotCommand(SLOT, 'Panel unavailable', PM))).rejects.toThrow(
      'the slot changed meanwhile: try again',
    );
    expect(slots.slots.get(SLOT)).toMatchObject({ bookedBy: null, closedAt: null });
    expect(outbox.events).toEqual([]);
  });

  it('refuses a missing slot id or a blank reason naming the field, before any transaction', async () => {
    const { handler, slots, outbox, dataSource } = await setup();
    expect(await refusedFields(handler.execute(new ClosePresentationSlotCommand('', 'why', PM)))).toEqual(['slotId']);
    expect(await refusedFields(handler.execute(new ClosePresentationSlotCommand(SLOT, ' ', PM)))).toEqual(['reason']);
    expect(dataSource.transactions).toBe(0);
    expect(slots.slots.get(SLOT)).toMatchObject({ bookedBy: 'intern-1', closedAt: null });
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown slot as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new ClosePresentationSlotCommand('00000000-0000-4000-8000-00000000dead', 'why', PM)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('BookPresentationSlotHandler and a cancelled cohort', () => {
  it('refuses an intern of a cancelled cohort with CONFLICT', async () => {
    const { build, repo, slots, outbox, cohortId } = await setup();
    repo.cohorts.set(cohortId, { ...repo.cohorts.get(cohortId)!, status: CohortStatus.CANCELLED });
    const err = await build(BookPresentationSlotHandler)
      .execute(new BookPresentationSlotCommand(OTHER_SLOT, asIntern('intern-2')))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(`cohort ${cohortId} was cancelled: its slots can no longer be booked`);
    expect(slots.slots.get(OTHER_SLOT)?.bookedBy).toBeNull();
    expect(outbox.events).toEqual([]);
  });
});
